import Foundation
import Testing
import TextFormats

/// The one CSV writer: RFC 4180 quoting and line ends, and the spreadsheet-safe mode (OWASP CSV injection).
@Suite("CSV writer")
struct CSVWriterTests {
    @Test func quotesOnlyWhatMustBeQuotedAndEndsLinesWithCRLF() {
        var writer = CSVWriter(columns: ["name", "note"], for: .machine)
        writer.append(["Harbor Youth Counseling", "plain"])
        writer.append(["Smith, Jones & Co", #"says "hello""#])
        writer.append(["two\nlines", "windows\r\nlines"])
        writer.append(["note": "only the note"])
        #expect(writer.text == "name,note\r\n"
            + "Harbor Youth Counseling,plain\r\n"
            + #""Smith, Jones & Co","says ""hello""""# + "\r\n"
            + "\"two\nlines\",\"windows\r\nlines\"\r\n"
            + ",only the note\r\n")
    }

    @Test(arguments: [
        #"=HYPERLINK("http://evil.example","x")"#, "+1 555 0100 ext 2", "-2+3+cmd|' /C calc'!A0", "@SUM(A1:A2)",
        "\t=1+1", "\r=1+1", "=1", "-", "+", "@",
    ])
    func aSpreadsheetNeverSeesAFormula(value: String) {
        let written = CSVWriter.field(value, for: .spreadsheet)
        let unquoted = written.hasPrefix("\"") ? String(written.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"") : written
        #expect(unquoted == "'" + value, "\(written)")
        // The same value for a machine is written exactly (quoted where RFC 4180 needs it).
        let exact = CSVWriter.field(value, for: .machine)
        let exactUnquoted = exact.hasPrefix("\"") ? String(exact.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"") : exact
        #expect(exactUnquoted == value)
    }

    @Test func theInjectedLinkIsOneQuotedTextCell() {
        var writer = CSVWriter(columns: ["group_key", "group_label", "sent"], for: .spreadsheet)
        writer.append(["org-1", #"=HYPERLINK("http://evil.example","x")"#, "12"])
        #expect(writer.text.hasSuffix("\r\n" + #"org-1,"'=HYPERLINK(""http://evil.example"",""x"")",12"# + "\r\n"))
    }

    @Test(arguments: ["12", "-3", "+1.5", "0.583", "<10", "", "Total", "Tier 2", "Sep 2026", "a=b", "e-mail", "2026-09"])
    func numbersAndOrdinaryTextStayAsTheyAre(value: String) {
        #expect(CSVWriter.field(value, for: .spreadsheet) == value)
        #expect(!CSVWriter.startsFormula(value))
    }

    @Test func aNumberWithAnythingElseIsNotANumber() {
        #expect(CSVWriter.startsFormula("-1-1"))
        #expect(CSVWriter.startsFormula("+1.2.3"))
        #expect(CSVWriter.startsFormula("-1e5"))
        #expect(CSVWriter.startsFormula("-inf"))
        #expect(CSVWriter.startsFormula("-.") )
    }
}
