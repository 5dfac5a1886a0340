import Testing
import TextFormats

@Suite("Text table")
struct TextTableTests {
    @Test("columns are as wide as their widest cell, aligned as asked, with no trailing spaces")
    func alignsColumns() {
        var table = TextTable([("name", .left), ("n", .right), ("note", .left)])
        table.append(["Maple Ridge Youth", "7", ""])
        table.append(["Food", "1234"])
        #expect(table.text == """
            name                  n  note
            -----------------  ----  ----
            Maple Ridge Youth     7
            Food               1234
            """)
    }

    @Test("a margin indents every line; a single row lays out in the table's columns")
    func marginAndSingleLine() {
        var table = TextTable([("a", .right), ("b", .left)], margin: 2)
        table.append(["10", "x"])
        #expect(table.headerLines == ["   a  b", "  --  -"])
        #expect(table.line(["1", "yz"]) == "   1  yz")
    }
}
