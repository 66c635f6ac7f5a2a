namespace CrmCadenceSync.HubSpot.Api;

/// <summary>Object type path segments and the HUBSPOT_DEFINED association type ids from each activity to a contact.</summary>
public static class HubSpotObjectTypes
{
    public const string Contacts = "contacts";
    public const string Tasks = "tasks";
    public const string Emails = "emails";
    public const string Notes = "notes";
    public const string Calls = "calls";

    public const int TaskToContact = 204;
    public const int EmailToContact = 198;
    public const int NoteToContact = 202;
}
