import Foundation
import Testing
@testable import Feeds

@Suite("Import problems: rejects file and counts by kind")
struct ImportRejectsTests {
    static let problems = [
        ImportProblem(file: "services.csv", line: 12, field: "minimum_age", recordID: "svc-9",
                      message: "'ten' is not a whole number", severity: .warning, kind: .unreadableAges),
        ImportProblem(file: "services.csv", line: 14, field: "name", recordID: "svc-11",
                      message: "a service needs a name", severity: .error, kind: .missingName),
        ImportProblem(file: "export.xml", line: 40, column: 7, field: "Languages", recordID: "ss-1",
                      message: "\"Creole\" names more than one language, dropped", severity: .warning, kind: .droppedLanguageName),
        ImportProblem(file: "locations.csv", line: 3, recordID: "loc-2",
                      message: "organization_id 'org-x' is not in organizations.csv; kept under org-1, the organization of svc-1",
                      severity: .warning, kind: .locationReattached),
        ImportProblem(file: "services.csv", line: 20, field: "minimum_age", recordID: "svc-20",
                      message: "'a few' is not a whole number", severity: .warning, kind: .unreadableAges),
        ImportProblem(file: "export.xml", message: "something nobody classified yet", severity: .warning),
    ]

    @Test func everyProblemIsARowWithItsSeverityAndKind() throws {
        let text = ImportRejects.csv(Self.problems)
        // RFC 4180 line ends, as every CSV the project writes.
        let lines = text.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "file,line,column,field,record_id,severity,kind,reason")
        #expect(lines[1] == "services.csv,12,,minimum_age,svc-9,warning,unreadable_ages,'ten' is not a whole number")
        #expect(lines[2] == "services.csv,14,,name,svc-11,error,missing_name,a service needs a name")
        // Quotes and commas are quoted the way the project's CSV writer quotes every export.
        #expect(lines[3] == #"export.xml,40,7,Languages,ss-1,warning,dropped_language_name,"""Creole"" names more than one language, dropped""#)
        #expect(lines[4].hasPrefix("locations.csv,3,,,loc-2,warning,location_reattached,\"organization_id 'org-x'"))
        #expect(lines[6] == "export.xml,,,,,warning,other,something nobody classified yet")
        #expect(lines.count == Self.problems.count + 2)  // header, rows, final newline
        #expect(lines.last == "")
    }

    /// The file is opened in spreadsheets, and its cells repeat the feed's own text: a record id or
    /// reason that would start a formula is written behind a single quote.
    @Test func aFeedsFormulaIsTextInTheRejectsFile() throws {
        let problem = ImportProblem(file: "services.csv", line: 7, field: "name", recordID: "=cmd|' /C calc'!A0",
                                    message: "@SUM(A1) is not a name", severity: .error, kind: .missingName)
        let lines = ImportRejects.csv([problem]).split(separator: "\r\n").map(String.init)
        #expect(lines[1] == "services.csv,7,,name,'=cmd|' /C calc'!A0,error,missing_name,'@SUM(A1) is not a name")
    }

    @Test func theRejectsFileReadsBackAsTheSameProblems() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rejects-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try ImportRejects.write(Self.problems, to: url)
        let rows = try CSVFixtures.rows(url.path).rows.map(\.fields)
        #expect(rows.count == Self.problems.count + 1)
        for (row, problem) in zip(rows.dropFirst(), Self.problems) {
            #expect(row == [
                problem.file, problem.line.map(String.init) ?? "", problem.column.map(String.init) ?? "", problem.field ?? "",
                problem.recordID ?? "", problem.severity.rawValue, problem.kind.rawValue, problem.message,
            ])
        }
    }

    @Test func countsByKindPerSeverityLargestFirst() {
        let warnings = ProblemCounts(Self.problems, severity: .warning)
        #expect(warnings.total == 5)
        #expect(warnings.count(of: .unreadableAges) == 2)
        #expect(warnings.count(of: .missingName) == 0)
        #expect(warnings.description
                == "unreadable ages 2, locations re-attached 1, dropped language names 1, other problems 1")
        let errors = ProblemCounts(Self.problems, severity: .error)
        #expect(errors.description == "records without a name 1")
    }

    @Test func everyKindHasALabelAndAWireName() {
        let labels = ImportProblem.Kind.allCases.map(\.label)
        #expect(Set(labels).count == labels.count)
        #expect(ImportProblem.Kind.allCases.allSatisfy { $0.rawValue.allSatisfy { $0.isLowercase || $0 == "_" } })
    }

    @Test func aProblemWithoutAKindDecodesAsOther() throws {
        let json = #"{"file":"a.csv","line":3,"message":"m","severity":"warning"}"#
        let problem = try JSONDecoder().decode(ImportProblem.self, from: Data(json.utf8))
        #expect(problem.kind == .other)
        #expect(problem.line == 3)
    }
}
