// Each test runs a whole worker (Quartz scheduler, HTTP port, SQLite file, two sandboxes); one at a time keeps them
// from sharing Quartz's process-wide scheduler registry and keeps a 2-core machine responsive.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
