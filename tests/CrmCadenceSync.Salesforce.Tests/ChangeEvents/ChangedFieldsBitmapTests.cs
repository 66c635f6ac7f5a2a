using Avro;
using CrmCadenceSync.Salesforce.ChangeEvents;

namespace CrmCadenceSync.Salesforce.Tests.ChangeEvents;

/// <summary>changedFields arrive as bitmaps over the event schema's field positions, not as names.</summary>
public sealed class ChangedFieldsBitmapTests
{
    private static readonly RecordSchema Schema = (RecordSchema)Avro.Schema.Parse("""
        {"type":"record","name":"LeadChangeEvent","namespace":"com.sforce.eventbus","fields":[
          {"name":"ChangeEventHeader","type":"string"},
          {"name":"Name","type":["null",{"type":"record","name":"Name","fields":[
            {"name":"Salutation","type":["null","string"]},{"name":"FirstName","type":["null","string"]},{"name":"LastName","type":["null","string"]}]}]},
          {"name":"Email","type":["null","string"]},
          {"name":"Title","type":["null","string"]},
          {"name":"LastModifiedDate","type":["null","long"]},
          {"name":"f5","type":["null","string"]},{"name":"f6","type":["null","string"]},{"name":"f7","type":["null","string"]},
          {"name":"f8","type":["null","string"]},{"name":"Lead_Score__c","type":["null","double"]}]}
        """);

    [Theory]
    [InlineData("0x04", "Email")]
    [InlineData("0x18", "Title,LastModifiedDate")]
    [InlineData("0x0218", "Title,LastModifiedDate,Lead_Score__c")]
    [InlineData("0x218", "Title,LastModifiedDate,Lead_Score__c")]
    public void A_top_level_bitmap_names_the_fields_at_its_set_bits_lowest_first(string bitmap, string expected) =>
        Assert.Equal(expected, string.Join(',', ChangedFieldsBitmap.Decode(Schema, [bitmap])));

    [Fact]
    public void A_compound_field_bitmap_names_its_parts_under_the_parent()
    {
        var names = ChangedFieldsBitmap.Decode(Schema, ["0x12", "1-0x06"]);

        Assert.Equal(["LastModifiedDate", "Name.FirstName", "Name.LastName"], names);
    }

    [Theory]
    [InlineData("Email", "is not a 0x")]
    [InlineData("0xZZ", "not hexadecimal")]
    [InlineData("0x0400", "marks field 10")]
    [InlineData("2-0x01", "not a compound field")]
    public void A_malformed_bitmap_is_refused_naming_the_entry(string bitmap, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => ChangedFieldsBitmap.Decode(Schema, [bitmap]));

        Assert.Contains($"'{bitmap}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
