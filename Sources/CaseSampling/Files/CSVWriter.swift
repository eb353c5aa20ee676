/// Builds the bytes of a CSV file that Excel opens as intended and cannot be made to run formulas.
///
/// The output is UTF-8 with a byte order mark (`EF BB BF`, which tells Excel the encoding), fields
/// separated by commas, and CRLF after every record, the last one included.
///
/// ```swift
/// var csv = CSVWriter()
/// csv.append(record: ["Case reference", "Note"])
/// csv.append(record: ["X1", "=HYPERLINK(\"http://example.com\")"])
/// // BOM, then: Case reference,Note⏎X1,"'=HYPERLINK(""http://example.com"")"⏎
/// ```
///
/// ### Quoting
///
/// A field is wrapped in double quotes, with inner quotes doubled, as RFC 4180 section 2 describes, when
/// it contains a comma, a double quote, CR or LF, when it starts or ends with a space (which spreadsheets
/// may otherwise trim), or when it contains a semicolon. The semicolon is the list separator in many
/// European locales: quoting keeps `a;=cmd` one cell even in an Excel that splits on semicolons, which
/// OWASP warns could otherwise start a new cell with a formula. Other fields are written as they are.
///
/// ### Formula injection
///
/// A spreadsheet treats a cell that starts with `=`, `+`, `-` or `@` as a formula, and OWASP's "CSV
/// Injection" page also lists tab (0x09), carriage return (0x0D) and line feed (0x0A). Such a cell gets
/// a single quote `'` in front (see ``neutralised(_:)``), so `=1+2` is written `'=1+2` and `-5` is
/// written `'-5`. This changes the cell's visible text on purpose: the reader sees the apostrophe, and a
/// negative number arrives as text. Write numbers that can be negative in a column that expects text, or
/// accept the apostrophe; never pass cells through unneutralised.
///
/// OWASP only speaks of the first character. Spreadsheets are known to skip leading blanks before
/// deciding that a cell is a formula, so a cell whose first character after any spaces, zero-width
/// characters, byte-order marks or NUL, VT and FF (``ignoredBeforeFormula``) is a trigger is
/// neutralised too; the quote goes at the very front, as in `' =1+2`. The triggers include the
/// fullwidth and small forms of `= + - @` and the minus sign (``formulaTriggers``).
package struct CSVWriter: Sendable {
    /// The file so far: the byte order mark, then each record with its CRLF.
    package private(set) var bytes: [UInt8]

    /// The byte order mark that starts every file.
    package static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Creates a writer holding only the byte order mark.
    ///
    /// - Parameter capacity: bytes to reserve, when the size of the file can be estimated.
    package init(reservingCapacity capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(max(capacity, Self.byteOrderMark.count))
        bytes.append(contentsOf: Self.byteOrderMark)
    }

    /// Creates a writer of records that continue a file begun by another writer: without the byte order
    /// mark, so that the bytes of several can be joined.
    init(continuationReservingCapacity capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Appends one record and its CRLF.
    ///
    /// Each field is neutralised and then quoted as the type describes. An empty record and a record of
    /// one empty field both write an empty line.
    ///
    /// - Complexity: O(*n*), where *n* is the number of UTF-8 bytes in the record.
    package mutating func append(record: [String]) {
        for (index, field) in record.enumerated() {
            if index > 0 { appendFieldSeparator() }
            appendField(field)
        }
        endRecord()
    }

    /// The cell's text as the writer puts it in the file, before quoting: with a `'` in front when a
    /// spreadsheet could read it as a formula, otherwise unchanged.
    ///
    /// ```swift
    /// CSVWriter.neutralised("=1+2")    // "'=1+2"
    /// CSVWriter.neutralised("  @SUM") // "'  @SUM"
    /// CSVWriter.neutralised("5-3")     // "5-3"
    /// ```
    package static func neutralised(_ cell: String) -> String {
        needsNeutralising(cell.utf8) ? "'" + cell : cell
    }

    private mutating func appendField(_ field: String) {
        appendField(utf8: field.utf8)
    }

    /// Appends one field given as UTF-8 bytes, neutralised and quoted as the type describes: the one
    /// routine behind every field the writer writes, whether it comes as a `String` or as bytes.
    mutating func appendField<Bytes: BidirectionalCollection<UInt8>>(utf8: Bytes) {
        let prefixed = Self.needsNeutralising(utf8)
        if Self.needsQuoting(utf8, startsWithApostrophe: prefixed) {
            bytes.append(ASCII.quote)
            if prefixed { bytes.append(ASCII.apostrophe) }
            for byte in utf8 {
                if byte == ASCII.quote { bytes.append(ASCII.quote) }
                bytes.append(byte)
            }
            bytes.append(ASCII.quote)
        } else {
            if prefixed { bytes.append(ASCII.apostrophe) }
            bytes.append(contentsOf: utf8)
        }
    }

    /// Appends the comma between two fields.
    mutating func appendFieldSeparator() {
        bytes.append(ASCII.comma)
    }

    /// Appends the CRLF that ends a record.
    mutating func endRecord() {
        bytes.append(ASCII.carriageReturn)
        bytes.append(ASCII.lineFeed)
    }

    /// Appends bytes that are already written as the writer writes them, such as a field from
    /// ``encodedField(_:)``.
    mutating func appendEncoded(_ encoded: [UInt8]) {
        bytes.append(contentsOf: encoded)
    }

    /// Appends bytes that are already written as the writer writes them (see ``appendEncoded(_:)``).
    mutating func appendEncoded(_ encoded: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: encoded)
    }

    /// One field as the writer writes it (neutralised, then quoted if needed): for a cell repeated on
    /// many rows, to be written with ``appendEncoded(_:)``.
    static func encodedField(_ field: String) -> [UInt8] {
        var writer = CSVWriter()
        writer.bytes.removeAll()  // no byte order mark: only the field
        writer.appendField(field)
        return writer.bytes
    }

    /// Whether the first character after leading blanks and invisible characters starts a formula.
    static func needsNeutralising<Bytes: BidirectionalCollection<UInt8>>(_ utf8: Bytes) -> Bool {
        guard let first = utf8.first else { return false }
        // The common case, decided by the first byte: a letter, digit or other plain ASCII character.
        switch first {
        case ASCII.equals, ASCII.plus, ASCII.minus, ASCII.at, ASCII.tab, ASCII.carriageReturn, ASCII.lineFeed:
            return true
        case 0x21...0x7E:
            return false
        default:
            break
        }
        for scalar in String(decoding: utf8.prefix(256), as: UTF8.self).unicodeScalars {
            if formulaTriggers.contains(scalar.value) { return true }
            if !ignoredBeforeFormula.contains(scalar.value) { return false }
        }
        return false
    }

    /// Characters that start a formula: the ASCII ones OWASP lists, and their fullwidth and small
    /// forms and the minus sign, which spreadsheets in East Asian locales also read as operators.
    static let formulaTriggers: Set<UInt32> = [
        0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D, 0x0A,
        0xFF1D, 0xFF0B, 0xFF0D, 0xFF20,  // ＝ ＋ － ＠
        0xFE66, 0xFE62, 0xFE63, 0xFE6B,  // ﹦ ﹢ ﹣ ﹫
        0x2212,  // − minus sign
    ]

    /// Characters a spreadsheet may skip before deciding that a cell is a formula: spaces of every
    /// kind, zero-width and byte-order marks, and control characters.
    static let ignoredBeforeFormula: Set<UInt32> = [
        0x00, 0x0B, 0x0C, 0x20, 0xA0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007,
        0x2008, 0x2009, 0x200A, 0x200B, 0x200C, 0x200D, 0x2028, 0x2029, 0x202F, 0x205F, 0x2060, 0x3000, 0xFEFF,
    ]

    /// Whether the field, after any apostrophe the writer puts in front, must be quoted.
    static func needsQuoting<Bytes: BidirectionalCollection<UInt8>>(_ utf8: Bytes, startsWithApostrophe: Bool) -> Bool {
        guard let first = utf8.first, let last = utf8.last else { return false }
        if (first == ASCII.space && !startsWithApostrophe) || last == ASCII.space { return true }
        for byte in utf8 {
            switch byte {
            case ASCII.comma, ASCII.quote, ASCII.carriageReturn, ASCII.lineFeed, ASCII.semicolon:
                return true
            default:
                continue
            }
        }
        return false
    }
}

extension CSVWriter {
    /// The ASCII bytes the writer tests for and writes.
    enum ASCII {
        static let tab: UInt8 = 0x09
        static let lineFeed: UInt8 = 0x0A
        static let carriageReturn: UInt8 = 0x0D
        static let space: UInt8 = 0x20
        static let quote: UInt8 = 0x22
        static let apostrophe: UInt8 = 0x27
        static let plus: UInt8 = 0x2B
        static let comma: UInt8 = 0x2C
        static let minus: UInt8 = 0x2D
        static let semicolon: UInt8 = 0x3B
        static let equals: UInt8 = 0x3D
        static let at: UInt8 = 0x40
    }
}
