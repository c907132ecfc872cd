using HealthLinks.Features.HospitalEvents;
using HealthLinks.Features.HospitalEvents.Hl7;

namespace HealthLinks.Tests.HospitalEvents;

public sealed class Hl7ParserTests
{
    private const string Admit = "MSH|^~\\&|ADT|GENERAL^2.16.840.1.1^ISO|HL|HL|20261130120000-0500||ADT^A01^ADT_A01|M1|P|2.5.1\r"
        + "EVN|A01|20261130120000-0500\r"
        + "PID|1||4532 123 459^^^ON^JHN~MR-77^^^GENERAL^MR||Tremblay^Marie^J||19450302|F|||12 Rue Principale^^Ottawa^ON^K1A 0B1^CA||613-555-0100\r"
        + "PV1|1|E|ER^1^1^GENERAL||||123^Wong^Alice||||||||||||V-100|||||||||||||||||||||||||20261130113000-0500\r"
        + "DG1|1||J44.1^COPD with exacerbation^I10|||A\r";

    public static IEnumerable<object[]> SharedMessages() => Hl7Files.All().Select(f => new object[] { Path.GetFileName(f) });

    [Theory]
    [MemberData(nameof(SharedMessages))]
    public void EveryMessageWrittenByOthers_IsRead_WithItsHeader(string file)
    {
        var text = Hl7Files.AsSent(file);
        var message = Hl7Message.Parse(text);
        Assert.Equal("MSH", message.Header.Id);
        Assert.Equal("ADT", message.Header.Value(9));
        Assert.NotNull(message.Header.Value(10));
        Assert.NotNull(message.First("PID"));
        Assert.True(message.Segments.Count >= 3);
    }

    [Fact]
    public void ByteOrderMarkAndLineFeeds_AreAccepted_AsCarriageReturnsAre()
    {
        var cr = Hl7Message.Parse(Admit);
        var lf = Hl7Message.Parse("\uFEFF" + Admit.Replace('\r', '\n'));
        var crlf = Hl7Message.Parse(Admit.Replace("\r", "\r\n", StringComparison.Ordinal));
        Assert.Equal(cr.Segments.Select(s => s.Id), lf.Segments.Select(s => s.Id));
        Assert.Equal(cr.Segments.Select(s => s.Id), crlf.Segments.Select(s => s.Id));
        Assert.Equal("Tremblay", lf.First("PID")!.Value(5, 1));
    }

    [Fact]
    public void FieldsComponentsRepetitionsAndSubcomponents_AreNumberedAsHl7Does()
    {
        var m = Hl7Message.Parse(Admit);
        var msh = m.Header;
        Assert.Equal("|", msh.Value(1));
        Assert.Equal("^~\\&", msh.Value(2));
        Assert.Equal("GENERAL", msh.Value(4));
        Assert.Equal("2.16.840.1.1", msh.Value(4, 2));
        Assert.Equal("A01", msh.Value(9, 2));
        var pid = m.First("PID")!;
        Assert.Equal(2, pid.Repetitions(3));
        Assert.Equal("MR-77", pid.Value(3, 1, 1, 1));
        Assert.Equal("JHN", pid.Value(3, 5));
        Assert.Equal("Marie", pid.Value(5, 2));
        Assert.Null(pid.Value(6));
        Assert.Null(pid.Value(300));
    }

    [Fact]
    public void DeclaredDelimiters_AreUsed_NotAssumed()
    {
        var text = "MSH#@*$%#APP#FAC#HL#HL#20261130120000##ADT@A04#X1#P#2.4\rPID#1##123@@@FAC@MR##Roy@Luc*Lucas##19500101#M\r";
        var m = Hl7Message.Parse(text);
        Assert.Equal(new Hl7Delimiters('#', '@', '*', '$', '%', null), m.Delimiters);
        Assert.Equal("A04", m.Header.Value(9, 2));
        Assert.Equal("Roy", m.First("PID")!.Value(5, 1));
        Assert.Equal("Lucas", m.First("PID")!.Value(5, 1, 1, 1));
    }

    [Theory]
    [InlineData("a\\F\\b", "a|b")]
    [InlineData("a\\S\\b\\T\\c\\R\\d\\E\\e", "a^b&c~d\\e")]
    [InlineData("caf\\XC3A9\\", "café")]
    [InlineData("\\H\\bold\\N\\", "bold")]
    [InlineData("line\\.br\\two", "line\ntwo")]
    public void EscapeSequences_AreUndone(string written, string meant)
    {
        var m = Hl7Message.Parse($"MSH|^~\\&|A|F|||20260101||ADT^A08|1|P|2.5\rNTE|1||{written}\r");
        Assert.Equal(meant, m.First("NTE")!.Value(3));
    }

    [Fact]
    public void TextWithDelimiters_SurvivesEscapingAndReading()
    {
        var text = "R&D | 50% ^ ~ \\ café";
        var escaped = Hl7Text.Escape(text, Hl7Delimiters.Standard);
        var m = Hl7Message.Parse($"MSH|^~\\&|A|F|||20260101||ADT^A08|1|P|2.5\rNTE|1||{escaped}\r");
        Assert.Equal(text, m.First("NTE")!.Value(3));
    }

    [Theory]
    [InlineData("", "MSH", 1, "does not start with an MSH")]
    [InlineData("PID|1||123\r", "MSH", 1, "does not start with an MSH")]
    [InlineData("MSH|^~\\&\r", "MSH", 2, "not ended by the field separator")]
    [InlineData("MSH|^~|A|F\r", "MSH", 2, "4 or 5 are expected")]
    [InlineData("MSH|^^\\&|A|F\r", "MSH", 2, "distinct")]
    [InlineData("MSHA^~\\&A", "MSH", 1, "distinct")]
    [InlineData("MSH|^~\\&|A|F|||20260101||ADT^A01|1|P|2.5\rPID|1||12\\Q\\3\r", "PID", 3, "not an HL7 escape sequence")]
    [InlineData("MSH|^~\\&|A|F|||20260101||ADT^A01|1|P|2.5\rPID|1||12\\F3\r", "PID", 3, "not closed")]
    [InlineData("MSH|^~\\&|A|F|||20260101||ADT^A01|1|P|2.5\rPID|1||1\u00002\r", "PID", 3, "control character 0x00")]
    [InlineData("MSH|^~\\&|A|F|||20260101||ADT^A01|1|P|2.5\rpid|1\r", "pid", 0, "segment name")]
    [InlineData("MSH|^~\\&|A|F|||20260101||ADT^A01|1|P|2.5\rMSH|^~\\&|A|F\r", "MSH", 0, "one message per frame")]
    public void BadInput_IsRefused_NamingWhere(string text, string segment, int field, string why)
    {
        var e = Assert.Throws<Hl7Exception>(() => Hl7Message.Parse(text));
        Assert.Equal(segment, e.Location.Segment);
        Assert.Equal(field, e.Location.Field);
        Assert.Contains(why, e.Reason, StringComparison.Ordinal);
        Assert.True(e.Location.Position >= 0);
    }

    [Fact]
    public void ThePositionOfABadEscape_IsWhereItIs()
    {
        const string header = "MSH|^~\\&|A|F|||20260101||ADT^A01|1|P|2.5\r";
        var e = Assert.Throws<Hl7Exception>(() => Hl7Message.Parse(header + "PID|1||12\\Q\\3\r"));
        Assert.Equal(header.Length + "PID|1||12".Length, e.Location.Position);
    }

    [Theory]
    [InlineData("20261130", 2026, 11, 30, 5, 0)]
    [InlineData("202611301200", 2026, 11, 30, 17, 0)]
    [InlineData("20261130120000+0000", 2026, 11, 30, 12, 0)]
    [InlineData("20261130120000.1234-0500", 2026, 11, 30, 17, 0)]
    [InlineData("20260715120000", 2026, 7, 15, 16, 0)]
    public void Times_WithoutAnOffset_AreOntarios(string written, int y, int mo, int d, int h, int mi)
    {
        var m = Hl7Message.Parse($"MSH|^~\\&|A|F|||{written}||ADT^A01|1|P|2.5\r");
        var at = Hl7Time.Instant(m.Header, 7)!.Value;
        Assert.Equal(new DateTime(y, mo, d, h, mi, 0, DateTimeKind.Utc), new DateTime(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, DateTimeKind.Utc));
    }

    [Theory]
    [InlineData("2026113")]
    [InlineData("20261340")]
    [InlineData("20261130+05")]
    [InlineData("yesterday")]
    public void MalformedTimes_AreRefused_NamingTheField(string written)
    {
        var m = Hl7Message.Parse($"MSH|^~\\&|A|F|||{written}||ADT^A01|1|P|2.5\r");
        var e = Assert.Throws<Hl7Exception>(() => Hl7Time.Instant(m.Header, 7));
        Assert.Equal(7, e.Location.Field);
        Assert.Equal(Hl7ErrorCode.DataTypeError, e.Code);
    }

    [Fact]
    public void AnAdmission_IsReadIntoOurTerms()
    {
        var adt = AdtMessage.Read(Hl7Message.Parse(Admit), new DateOnly(2026, 11, 30));
        Assert.Equal("A01", adt.Event);
        Assert.Equal("GENERAL", adt.Facility);
        Assert.Equal("4532123459", adt.Patient.Details.HealthCardNumber);
        Assert.Contains(adt.Patient.Identifiers, i => i is { Value: "MR-77", IsHealthCard: false });
        Assert.Equal(new DateOnly(1945, 3, 2), adt.Patient.Details.DateOfBirth);
        Assert.Equal("K1A0B1", adt.Patient.Details.PostalCode);
        Assert.Equal(HealthLinks.Domain.EncounterKind.EmergencyVisit, adt.Stay!.Kind);
        Assert.Equal("V-100", adt.Stay.VisitNumber);
        Assert.Equal(new DateTime(2026, 11, 30, 16, 30, 0, DateTimeKind.Utc), adt.Stay.Admitted);
        Assert.Equal(("J44.1", HealthLinks.Domain.CodeSystem.Icd10Ca), (adt.Diagnoses[0].Code, adt.Diagnoses[0].System));
    }

    [Theory]
    [InlineData("ORU^R01", Hl7ErrorCode.UnsupportedMessageType, 9)]
    [InlineData("ADT^Z99", Hl7ErrorCode.UnsupportedEventCode, 9)]
    public void WhatIsNotAnAdtEvent_IsRejected(string type, Hl7ErrorCode code, int field)
    {
        var e = Assert.Throws<Hl7Exception>(() => AdtMessage.Header(Hl7Message.Parse($"MSH|^~\\&|A|F|||20260101||{type}|1|P|2.5\r")));
        Assert.Equal((code, field), (e.Code, e.Location.Field));
    }

    [Fact]
    public void AVersionOutsideTwoThreeToTwoEight_IsRejected()
    {
        var e = Assert.Throws<Hl7Exception>(() => AdtMessage.Header(Hl7Message.Parse("MSH|^~\\&|A|F|||20260101||ADT^A01|1|P|2.2\r")));
        Assert.Equal(Hl7ErrorCode.UnsupportedVersionId, e.Code);
    }

    [Fact]
    public void TheReply_CarriesTheControlIdAndTheError_InTheMessagesVersion()
    {
        var header = Hl7Message.Parse("MSH|^~\\&|APP|FAC|HL|HL|20260101||ADT^A01|CTRL-9|P|2.5.1\r").Header;
        var problem = new Acknowledgement.Problem(new("PID", 1, 7), Hl7ErrorCode.RequiredFieldMissing, "PID-7 is empty");
        var ack = Hl7Message.Parse(Acknowledgement.Build(header, AckCode.AE, "HL1", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), problem));
        Assert.Equal(("AE", "CTRL-9"), (ack.First("MSA")!.Value(1), ack.First("MSA")!.Value(2)));
        Assert.Equal(("PID", "7", "101"), (ack.First("ERR")!.Value(2, 1), ack.First("ERR")!.Value(2, 3), ack.First("ERR")!.Value(3, 1)));
        Assert.Equal(("FAC", "APP"), (ack.Header.Value(6), ack.Header.Value(5)));

        var old = Hl7Message.Parse("MSH|^~\\&|APP|FAC|HL|HL|20260101||ADT^A01|CTRL-9|P|2.3\r").Header;
        var ack23 = Hl7Message.Parse(Acknowledgement.Build(old, AckCode.AE, "HL1", DateTime.UnixEpoch, problem));
        Assert.Equal(("PID", "7"), (ack23.First("ERR")!.Value(1, 1), ack23.First("ERR")!.Value(1, 3)));
        Assert.Equal("PID-7 is empty", ack23.First("MSA")!.Value(3));
    }
}
