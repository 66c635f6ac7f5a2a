namespace CrmCadenceSync.Worker.CrmCard;

/// <summary>One labelled value on a HubSpot CRM card (<c>dataType</c>: STRING, NUMBER, DATE, …).</summary>
public sealed record CrmCardProperty(string Label, string DataType, string Value);
