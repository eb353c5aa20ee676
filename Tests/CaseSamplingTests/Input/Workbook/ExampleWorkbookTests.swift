import Foundation
import Testing

@testable import CaseSampling

/// `SampleSpecs/examples/long-list.xlsx` is `long-list.csv` opened and saved by LibreOffice 7.4, with the
/// three date columns read as dates (day/month/year) and every other column as text:
///
/// ```sh
/// fmt=$(python3 -c "print('/'.join(f'{i}/{4 if i in (4,10,11) else 2}' for i in range(1,20)))")
/// soffice --headless --infilter="CSV:44,34,76,1,$fmt" --convert-to xlsx long-list.csv
/// ```
///
/// So its dates are real date cells, which the reader writes as `yyyy-mm-dd` (the spec reads both forms).
@Suite("The example long list as a workbook")
struct ExampleWorkbookTests {
    @Test("Every row and column of long-list.xlsx has the CSV's text, dates as yyyy-mm-dd")
    func sameCellsAsTheCSV() throws {
        let csv = try CSVRecords.parse(try Examples.exampleBytes(), file: "long-list.csv").map(\.fields)
        let path = Examples.root.appendingPathComponent("SampleSpecs/examples/long-list.xlsx").path
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(FileKind.identify(bytes) == .xlsx)
        #expect(bytes.count < 200_000)
        let workbook = try Workbook(bytes: bytes)
        let rows = try workbook.rows(in: try workbook.defaultSheet())
        #expect(rows.count == csv.count)
        #expect(csv.count == 2001)
        let dateColumns = Set(["DateOfBirth", "SentenceDate", "ReleaseDate"].compactMap { csv[0].firstIndex(of: $0) })
        #expect(dateColumns.count == 3)
        var dateCells = 0
        for (index, (row, record)) in zip(rows, csv).enumerated() {
            #expect(row.number == index + 1)
            let cells = row.cells + Array(repeating: "", count: max(0, record.count - row.cells.count))
            let expected = record.enumerated().map { column, text -> String in
                guard index > 0, dateColumns.contains(column), !text.isEmpty else { return text }
                dateCells += 1
                let parts = text.split(separator: "/")
                return "\(parts[2])-\(parts[1])-\(parts[0])"
            }
            #expect(cells == expected, "row \(row.number)")
            if cells != expected { break }
        }
        #expect(dateCells > 4000)
    }
}
