import Dispatch

/// How to read a long list.
public struct ReadOptions: Sendable {
    /// The field delimiter; nil detects comma, semicolon or tab (and honours Excel's `sep=` line).
    public var delimiter: UInt8?
    /// Count the distinct values of every column not asked for (for `inspect`), except these.
    public var profileOtherColumns: Bool
    /// Headers (compared by ``HeaderName/key(_:)``) whose values are personal and never profiled.
    public var identifyingColumns: [String]
    /// Parse the file in chunks on every core; false parses it in one piece.
    public var isParallel: Bool
    /// Bytes per chunk: the file is cut into chunks this large, parsed at once and merged in order.
    public var chunkSize: Int
    /// Called once every record has been parsed, before the results are checked. Not called when
    /// reading fails earlier.
    public var whenParsed: (@Sendable () -> Void)?
    /// Given the roles the header has, the categorical roles whose per-row codes to keep
    /// (``CategoricalColumn/hasRowCodes``); the others keep only their distinct values. Nil keeps every
    /// categorical role's. At 10 million rows each column's codes are 10 to 20 MB.
    public var rowCodeRoles: (@Sendable (_ found: Set<String>) -> Set<String>)?

    public init(
        delimiter: UInt8? = nil, profileOtherColumns: Bool = false,
        identifyingColumns: [String] = ReadOptions.defaultIdentifyingColumns,
        isParallel: Bool = true, chunkSize: Int = 8 << 20
    ) {
        self.delimiter = delimiter
        self.profileOtherColumns = profileOtherColumns
        self.identifyingColumns = identifyingColumns
        self.isParallel = isParallel
        self.chunkSize = max(1, chunkSize)
    }

    /// Columns that hold personal data in a typical long list.
    public static let defaultIdentifyingColumns = [
        "Surname", "Forename", "First name", "Last name", "Family name", "Given name", "Name", "Full name",
        "Date of birth", "DOB", "Birth date", "Address", "Postcode", "PNC", "PNC number", "NOMIS", "Phone",
    ]
}

/// Reads long lists: RFC 4180 CSV as spreadsheets really save it.
///
/// ```swift
/// let list = try LongListReader.read(path: "long-list.csv", columns: [
///     ColumnRequest(role: "caseReference", aliases: ["CRN"], storage: .caseReference),
///     ColumnRequest(role: "gender", aliases: ["Gender", "Sex"]),
/// ])
/// print(list.rowCount, list.encoding, list.column("gender")!.values)
/// ```
///
/// In stages: the head (byte-order mark, encoding, `sep=` line, delimiter, header), the columns (the
/// requested roles matched to headers), the chunks, and the finish (encoding verdict, decoding of
/// distinct values, duplicate case references, problems in line order). The file is cut into chunks
/// of ``ReadOptions/chunkSize`` bytes, parsed on every core by ``ChunkParser`` and merged in file
/// order as they finish, so memory holds a few chunks and the compact per-row state, never the file.
/// A chunk starts at a guess of a record boundary (just past a line break); the merge checks the
/// guess against where the previous chunk's last record ended, and parses the chunk again from
/// there when a quoted line break fooled it. The result never depends on the cut.
public enum LongListReader {
    /// Reads the long list at `path`, keeping each row's code of every requested categorical column.
    ///
    /// - Throws: ``LongListError`` when the file cannot be read as a table with the required columns.
    ///   Row-level problems (ragged rows, quote faults, duplicate case references) do not throw: they
    ///   are in ``LongList/problems`` and make their rows invalid.
    public static func read(
        path: String, columns: [ColumnRequest], options: ReadOptions = ReadOptions()
    ) throws(LongListError) -> LongList {
        try read(source: ByteSource(path: path), file: path, columns: columns, options: options)
    }

    /// Reads a long list held in memory; `file` names it in messages.
    public static func read(
        bytes: [UInt8], file: String, columns: [ColumnRequest], options: ReadOptions = ReadOptions()
    ) throws(LongListError) -> LongList {
        try read(source: ByteSource(bytes: bytes), file: file, columns: columns, options: options)
    }

    static func read(source: ByteSource, file: String, columns: [ColumnRequest], options: ReadOptions) throws(LongListError) -> LongList {
        let opened = try open(source: source, file: file, columns: columns, options: options)
        var keepCodes = Set(columns.filter { $0.storage == .categorical }.map(\.role))
        if let wanted = options.rowCodeRoles { keepCodes.formIntersection(wanted(Set(opened.columnIndex.keys))) }
        let slots = opened.slotRoles.count
        let kept = opened.slotRoles.indices.filter { keepCodes.contains(opened.slotRoles[$0]) }
        var codes: [CodeStore] = []
        var list = try read(opened) { StoredCodes(slotCount: slots) } merge: { chunk in
            if codes.isEmpty { codes = Array(repeating: CodeStore(), count: chunk.translations.count) }
            if let rows = chunk.estimatedRowCount { for slot in kept { codes[slot].reserveCapacity(rows) } }
            for slot in kept { chunk.consumer.appendCodes(of: slot, to: &codes[slot], translatedBy: chunk.translations[slot]) }
        }
        list.attachCodes(codes, keeping: keepCodes)
        return list
    }

    /// A chunk's consumer handed to the caller's merge, in file order.
    struct ChunkMerge<Consumer: RowConsumer> {
        var consumer: Consumer
        /// Per coded slot: each chunk-local code's code in the merged list.
        var translations: [[UInt32]]
        /// The chunk's first row and first line (physical, 1-based) in the whole list.
        var rowBase: Int
        var lineBase: Int
        /// For the first chunk, the number of rows the whole list will have if the rest is like it:
        /// for reserving per-row storage once instead of doubling it (a 10-million-row list would
        /// otherwise hold an array and its doubled copy at once). Nil for later chunks.
        var estimatedRowCount: Int?
    }

    /// A long list whose head has been read and whose columns have been matched: what consumers need
    /// to know before the rows.
    struct Opened {
        let source: ByteSource
        let file: String
        let head: Head
        let plan: Plan
        let options: ReadOptions

        /// The bytes the rows are read from (UTF-8 after a UTF-16 file's transcoding).
        var data: ByteSource { head.transcoded ?? source }
        /// The role of each coded slot, in slot order.
        var slotRoles: [String] { plan.slotRoles }
        /// Field index (0-based) of each role found.
        var columnIndex: [String: Int] { plan.columnIndex }
        var headers: [String] { head.headers }
    }

    /// Reads the head of a long list and matches `columns` to it.
    static func open(source: ByteSource, file: String, columns: [ColumnRequest], options: ReadOptions) throws(LongListError) -> Opened {
        let head = try Head.read(source: source, file: file, delimiter: options.delimiter)
        let plan = try columnPlan(head: head, file: file, columns: columns, options: options)
        return Opened(source: source, file: file, head: head, plan: plan, options: options)
    }

    /// Reads the rows of an opened long list, giving each chunk's rows to a consumer made by
    /// `makeConsumer` and handing the consumers to `merge` in file order.
    ///
    /// The returned list has no row codes; the caller keeps what its consumers kept.
    static func read<Consumer: RowConsumer>(
        _ opened: Opened, makeConsumer: @escaping @Sendable () -> Consumer,
        merge: (ChunkMerge<Consumer>) throws(LongListError) -> Void
    ) throws(LongListError) -> LongList {
        var merged = MergedChunks(plan: opened.plan, firstLine: opened.head.firstDataLine)
        try parseChunks(
            opened.data, plan: opened.plan, head: opened.head, options: opened.options, into: &merged,
            makeConsumer: makeConsumer, merge: merge)
        opened.options.whenParsed?()
        return try finish(merged, head: opened.head, plan: opened.plan, source: opened.data, file: opened.file)
    }
}

extension LongList {
    /// Adds the row codes a ``StoredCodes`` consumer kept, for the requested categorical roles.
    mutating func attachCodes(_ codes: [CodeStore], keeping roles: Set<String>) {
        for (slot, role) in slotRoles.enumerated() where roles.contains(role) {
            guard let column = categorical[role] else { continue }
            categorical[role] = CategoricalColumn(values: column.values, codes: slot < codes.count ? codes[slot] : CodeStore())
        }
    }
}
