/// A cell's place as a spreadsheet shows it: column letters and a row number, as in `F12`.
///
/// ```swift
/// CellReference(row: 12, columnIndex: 5).description   // "F12"
/// CellReference("AA3")                                  // row 3, columnIndex 26
/// CellReference.columnLetters(16_383)                   // "XFD", the last column
/// ```
///
/// Columns are indexed from 0 (column A) like the cells of a ``WorksheetRow``; rows are numbered from
/// 1 like the spreadsheet's row headers. The bounds are Excel's: 1,048,576 rows and 16,384 columns
/// (ECMA-376 Part 1 §18.3.1.4 and Excel's specifications and limits).
public struct CellReference: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The row number, from 1.
    public let row: Int
    /// The column index, from 0 (A).
    public let columnIndex: Int

    /// The most rows a worksheet has.
    public static let maximumRow = 1_048_576
    /// The most columns a worksheet has (A…XFD).
    public static let maximumColumnCount = 16_384

    /// The cell at `row` (from 1) and `columnIndex` (from 0).
    public init(row: Int, columnIndex: Int) {
        self.row = row
        self.columnIndex = columnIndex
    }

    /// Parses an A1-style reference such as `F12` or `$F$12`; nil when it is not one or is out of bounds.
    public init?(_ text: String) {
        guard let parsed = Self.parse(text.utf8[...]), let row = parsed.row else { return nil }
        self.init(row: row, columnIndex: parsed.columnIndex)
    }

    /// `F12`.
    public var description: String { Self.columnLetters(columnIndex) + String(row) }

    /// The column's letters: 0 → `A`, 25 → `Z`, 26 → `AA`.
    public static func columnLetters(_ columnIndex: Int) -> String {
        var index = columnIndex + 1
        var letters: [UInt8] = []
        while index > 0 {
            let remainder = (index - 1) % 26
            letters.append(UInt8(ascii: "A") + UInt8(remainder))
            index = (index - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    public static func < (lhs: CellReference, rhs: CellReference) -> Bool {
        (lhs.row, lhs.columnIndex) < (rhs.row, rhs.columnIndex)
    }

    /// Column and (when present) row of an A1-style reference, `$` signs allowed; nil when malformed
    /// or out of bounds. A reference may be only letters (a whole column, as in `A:C`).
    static func parse<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> (columnIndex: Int, row: Int?)? {
        var index = bytes.startIndex
        if index != bytes.endIndex, bytes[index] == UInt8(ascii: "$") { index = bytes.index(after: index) }
        var column = 0
        var letterCount = 0
        while index != bytes.endIndex {
            var byte = bytes[index]
            if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") { byte -= 0x20 }
            guard byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") else { break }
            column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
            letterCount += 1
            guard letterCount <= 3 else { return nil }
            index = bytes.index(after: index)
        }
        guard letterCount > 0, column <= maximumColumnCount else { return nil }
        if index != bytes.endIndex, bytes[index] == UInt8(ascii: "$") { index = bytes.index(after: index) }
        guard index != bytes.endIndex else { return (column - 1, nil) }
        var row = 0
        var digitCount = 0
        while index != bytes.endIndex {
            let byte = bytes[index]
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"), digitCount < 8 else { return nil }
            row = row * 10 + Int(byte - UInt8(ascii: "0"))
            digitCount += 1
            index = bytes.index(after: index)
        }
        guard digitCount > 0, row >= 1, row <= maximumRow else { return nil }
        return (column - 1, row)
    }
}

/// A rectangle of cells, such as the merged range `A5:C7`.
public struct CellRange: Sendable, Hashable, CustomStringConvertible {
    /// The top-left cell.
    public let first: CellReference
    /// The bottom-right cell.
    public let last: CellReference

    public init(first: CellReference, last: CellReference) {
        self.first = first
        self.last = last
    }

    /// Parses `A5:C7` (or a single cell, `A5`); nil when malformed.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, let first = CellReference(String(parts[0])),
            let last = parts.count == 2 ? CellReference(String(parts[1])) : first
        else { return nil }
        self.first = CellReference(row: min(first.row, last.row), columnIndex: min(first.columnIndex, last.columnIndex))
        self.last = CellReference(row: max(first.row, last.row), columnIndex: max(first.columnIndex, last.columnIndex))
    }

    /// `A5:C7`, or `A5` for a single cell.
    public var description: String { first == last ? first.description : "\(first):\(last)" }

    /// Whether `reference` lies inside the range.
    public func contains(_ reference: CellReference) -> Bool {
        (first.row...last.row).contains(reference.row) && (first.columnIndex...last.columnIndex).contains(reference.columnIndex)
    }
}
