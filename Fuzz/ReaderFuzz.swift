// libFuzzer target for the long-list reader. Built against the library compiled with -enable-testing,
// so it can also check internal state (@testable import). See Fuzz/README.md.
//
// Input layout: byte 0 is a control byte, the rest is the file.
//   bits 0-1  delimiter: nil (detect), comma, semicolon, tab
//   bit 2     profileOtherColumns
//   bit 3     the case-reference column is optional (otherwise required)
//   bit 4     the gender column is optional (otherwise required)
//   bits 5-7  chunk size of the parallel read compared with the serial one: 1 + 3 * value bytes (1...22),
//             but at least a 64th of the file
//
// Invariant failures stop with `precondition`, which libFuzzer reports as a crash. Invariants that
// guard a bug already reported can be switched off by name with CASESAMPLE_FUZZ_SKIP=name,name
// (see FuzzSupport.swift).

@testable import CaseSampling

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let control = data[0]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let delimiter: UInt8? = [nil, 0x2C, 0x3B, 0x09][Int(control & 3)]
    let profile = control & 4 != 0
    let keyOptional = control & 8 != 0
    let genderOptional = control & 16 != 0
    // At most about 64 chunks: each chunk allocates its own scan buffers, so 1-byte chunks of a 3 KB
    // input took 24 s under ASan (a timeout on 2026-12-03; not reachable with the default 8 MiB chunks).
    let chunkSize = max(1 + 3 * Int(control >> 5), (size - 1) / 64)

    fuzzCSVRecords(bytes, delimiter: delimiter ?? 0x2C)
    fuzzReader(bytes, delimiter: delimiter, profile: profile, keyOptional: keyOptional, genderOptional: genderOptional, chunkSize: chunkSize)
    return 0
}

// MARK: - LongListReader

let fuzzFile = "fuzz.csv"

func fuzzReader(_ bytes: [UInt8], delimiter: UInt8?, profile: Bool, keyOptional: Bool, genderOptional: Bool, chunkSize: Int) {
    let columns = [
        ColumnRequest(role: "caseReference", aliases: ["CRN"], isRequired: !keyOptional, storage: .caseReference),
        ColumnRequest(role: "gender", aliases: ["Gender"], isRequired: !genderOptional),
        ColumnRequest(role: "rosh", aliases: ["RoSH", "RoSH level"], isRequired: false),
        ColumnRequest(role: "tier1", aliases: ["Unit", "Tier 1"], isRequired: false),
    ]
    let serialOptions = ReadOptions(delimiter: delimiter, profileOtherColumns: profile, isParallel: false)
    let parallelOptions = ReadOptions(delimiter: delimiter, profileOtherColumns: profile, isParallel: true, chunkSize: chunkSize)

    let serial: Result<LongList, LongListError>
    let parallel: Result<LongList, LongListError>
    do throws(LongListError) {
        serial = .success(try LongListReader.read(bytes: bytes, file: fuzzFile, columns: columns, options: serialOptions))
    } catch { serial = .failure(error) }
    do throws(LongListError) {
        parallel = .success(try LongListReader.read(bytes: bytes, file: fuzzFile, columns: columns, options: parallelOptions))
    } catch { parallel = .failure(error) }

    switch serial {
    case .success(let list):
        note("reader: \(list.rowCount) rows, \(list.encoding.rawValue), \(list.problems.count) problems, columns \(list.columnIndex)")
    case .failure(let error):
        note("reader: \(error)")
    }
    switch (serial, parallel) {
    case (.failure(let a), .failure(let b)):
        check("serialParallel.error", a.problems == b.problems, "serial \(a) / parallel \(b)")
        checkProblems(a.problems, fatal: true)
    case (.success(let a), .success(let b)):
        checkList(a, input: bytes)
        compareLists(a, b)
    case (.success, .failure(let e)):
        check("serialParallel.outcome", false, "serial read, parallel threw \(e)")
    case (.failure(let e), .success):
        check("serialParallel.outcome", false, "parallel read, serial threw \(e)")
    }
}

/// Every problem names the file, has a non-empty message, and a line and column of at least 1 when it has one.
func checkProblems(_ problems: [ReadProblem], fatal: Bool) {
    if fatal { check("problems.nonEmptyError", !problems.isEmpty) }
    for problem in problems {
        check("problem.message", !problem.message.isEmpty, "\(problem.kind)")
        check("problem.file", problem.file == fuzzFile)
        check("problem.line", problem.line.map { $0 >= 1 } ?? true, problem.description)
        check("problem.column", problem.column.map { $0 >= 1 } ?? true, problem.description)
        check("problem.description", !problem.description.isEmpty)
    }
}

func checkList(_ list: LongList, input: [UInt8]) {
    let rows = list.rowCount
    check("rowCount.nonZero", rows > 0)
    check("byteCount", list.byteCount == input.count, "byteCount \(list.byteCount), input \(input.count) bytes")
    check("checkpoints.ascending", zip(list.checkpoints, list.checkpoints.dropFirst()).allSatisfy { $0.row < $1.row && $0.offset < $1.offset && $0.line < $1.line })
    check("checkpoints.inSource", list.checkpoints.allSatisfy { $0.offset < list.source.count && $0.row < rows })
    check("headerLine", list.headerLine == 1 || list.headerLine == 2)
    checkProblems(list.problems, fatal: false)
    check("problems.nonFatalKinds", list.problems.allSatisfy {
        ![.emptyFile, .headerOnly, .missingColumn, .duplicateHeader, .unterminatedQuote, .undecodableBytes,
          .unsupportedEncoding, .cannotOpen].contains($0.kind)
    }, "\(list.problems)")
    for problem in list.problems { check("problem.afterHeader", (problem.line ?? Int.max) > list.headerLine, problem.description) }

    // SourceEncoding: a file is read as Windows-1252 only when it holds no valid multi-byte UTF-8
    // sequence (otherwise it is a mix of encodings and is rejected). Counted here with the standard
    // library's decoder, resynchronising after each ill-formed byte.
    if list.encoding == .windows1252 {
        var iterator = input.makeIterator()
        var decoder = UTF8()
        var sequences = 0
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): if scalar.value >= 0x80 { sequences += 1 }
            case .emptyInput: break decoding
            case .error: continue
            }
        }
        check("encoding.mixedReadAs1252", sequences == 0, "\(sequences) valid multi-byte UTF-8 sequences in a file read as Windows-1252")
    }

    // Invalid rows point at errors; each such error is on the physical line where its row starts.
    let rowLines = list.physicalLines()
    check("rowLines.count", rowLines.count == rows)
    check("rowLines.ascending", zip(rowLines, rowLines.dropFirst()).allSatisfy { $0 < $1 })
    check("rowLines.afterHeader", rowLines.first.map { $0 > list.headerLine } ?? true)
    for (row, index) in list.invalidRows {
        check("invalidRows.row", row >= 0 && row < rows)
        check("invalidRows.index", index >= 0 && index < list.problems.count)
        guard row >= 0 && row < rows && index >= 0 && index < list.problems.count else { continue }
        let problem = list.problems[index]
        check("invalidRows.severity", problem.severity == .error)
        check("invalidRows.line", problem.line == rowLines[row],
              "row \(row) starts on line \(rowLines[row]) but its problem says \(problem)")
    }
    check("errors.haveRows", list.errors.count >= list.invalidRowCount)

    // Per-row state has one entry a row.
    let keyField = list.columnIndex["caseReference"]
    // Without a case-reference column the reader may keep a hash a row or none (since the chunked reader, one a row).
    check("hashes.count", list.caseReferenceHashes.count == rows || (keyField == nil && list.caseReferenceHashes.isEmpty),
          "\(list.caseReferenceHashes.count) hashes for \(rows) rows")
    for (role, column) in list.categorical {
        guard let codes = column.codes else { continue }
        check("codes.count", codes.count == rows, role)
        check("values.countSum", column.values.reduce(0) { $0 + $1.count } == rows, role)
        check("values.positive", column.values.allSatisfy { $0.count > 0 && $0.firstLine > list.headerLine }, role)
        for row in 0..<rows { check("code.range", column.code(of: row) < column.values.count, role) }
        // The first line of each value is the line of the first row that has it.
        var firstRow: [Int: Int] = [:]
        for row in 0..<rows where firstRow[column.code(of: row)] == nil { firstRow[column.code(of: row)] = row }
        check("values.firstAppearance", firstRow.keys.sorted() == Array(0..<firstRow.count), role)
        for (code, row) in firstRow {
            check("values.firstLine", column.values[code].firstLine == rowLines[row],
                  "\(role) value \(code) firstLine \(column.values[code].firstLine), first row on line \(rowLines[row])")
        }
    }

    // Records fetched again agree with the per-row state. Rows with a quote fault are checked under
    // their own names, so that the known unescaping difference on them can be skipped alone.
    let faultLines = Set(list.problems.filter { $0.kind == .strayQuote || $0.kind == .textAfterClosingQuote }.compactMap(\.line))
    var fetched: [[String]] = []
    for row in 0..<rows {
        let fields = list.recordFields(row: row)
        check("recordFields.nonEmpty", !fields.isEmpty, "row \(row)")
        fetched.append(fields)
        let prefix = faultLines.contains(rowLines[row]) ? "faultRow" : "recordFields"
        if let keyField {
            check(prefix + ".keyHash", list.caseReferenceHash(of: row) == CaseReference.hash(fields[safe: keyField] ?? ""),
                  "row \(row)")
        }
        for (role, column) in list.categorical {
            let field = list.columnIndex[role]!
            check(prefix + ".value", column.values[column.code(of: row)].value == (fields[safe: field] ?? ""),
                  "row \(row) role \(role): stored \(Array(column.values[column.code(of: row)].value.utf8)), fetched \(Array((fields[safe: field] ?? "").utf8))")
        }
    }
    var visited: [Int] = []
    list.forEachRecord(rows: Array(0..<rows)) { row, fields in
        visited.append(row)
        check("forEachRecord.fields", row < rows && fields == fetched[row], "row \(row)")
    }
    check("forEachRecord.order", visited == Array(0..<rows), "\(visited)")
    let every = Array(stride(from: rows - 1, through: 0, by: -3).reversed())
    visited = []
    list.forEachRecord(rows: every) { row, fields in
        visited.append(row)
        check("forEachRecord.subsetFields", row < rows && fields == fetched[row], "row \(row)")
    }
    check("forEachRecord.subsetOrder", visited == every)

    // Profiles never include requested or empty-keyed columns and stay within the limit; they count
    // every row but those whose fields may be shifted (too few or too many fields).
    let shiftedRows = Set(list.problems.filter { $0.kind == .tooFewFields || $0.kind == .tooManyFields }.compactMap(\.line)).count
    for (field, values) in list.profiles {
        check("profiles.field", field >= 0 && field < list.headers.count && !list.columnIndex.values.contains(field))
        if let values {
            check("profiles.limit", values.count <= ColumnPlan.profileLimit)
            check("profiles.countSum", values.reduce(0) { $0 + $1.count } == rows - shiftedRows, "field \(field)")
        }
    }
    _ = list.lineEndings.description
}

func compareLists(_ a: LongList, _ b: LongList) {
    func same(_ name: String, _ x: @autoclosure () -> Bool, _ detail: @autoclosure () -> String = "") {
        check("serialParallel." + name, x(), detail())
    }
    same("rowCount", a.rowCount == b.rowCount, "\(a.rowCount) vs \(b.rowCount)")
    // Checkpoints are laid out per chunk, so they differ by design; the lines they give must not.
    same("rowLines", a.physicalLines() == b.physicalLines())
    same("encoding", a.encoding == b.encoding)
    same("delimiter", a.delimiter == b.delimiter)
    same("lineEndings", a.lineEndings == b.lineEndings, "serial \(a.lineEndings.counts), parallel \(b.lineEndings.counts)")
    same("headers", a.headers == b.headers)
    same("headerLine", a.headerLine == b.headerLine)
    same("columnIndex", a.columnIndex == b.columnIndex)
    same("blankRowsSkipped", a.blankRowsSkipped == b.blankRowsSkipped)
    same("problems", a.problems == b.problems, "serial \(a.problems)\nparallel \(b.problems)")
    same("byteCount", a.byteCount == b.byteCount)
    same("hashes", a.caseReferenceHashes == b.caseReferenceHashes)
    same("invalidRows", a.invalidRows == b.invalidRows)
    same("categoricalRoles", Set(a.categorical.keys) == Set(b.categorical.keys))
    for (role, x) in a.categorical {
        guard let y = b.column(role) else { continue }
        same("values", x.values == y.values, role)
        if a.rowCount == b.rowCount {
            for row in 0..<a.rowCount { same("codes", x.code(of: row) == y.code(of: row), "\(role) row \(row)") }
        }
    }
    same("profileFields", Set(a.profiles.keys) == Set(b.profiles.keys))
    for (field, x) in a.profiles { same("profiles", x == b.profiles[field] ?? nil, "field \(field)") }
    if a.rowCount == b.rowCount {
        for row in 0..<a.rowCount where !a.caseReferenceHashes.isEmpty {
            same("caseReferenceHash", a.caseReferenceHash(of: row) == b.caseReferenceHash(of: row), "row \(row)")
        }
    }
}

extension LineEndings {
    var counts: String { "lf \(lf) crlf \(crlf) cr \(cr)" }
}

// MARK: - CSVRecords

func fuzzCSVRecords(_ bytes: [UInt8], delimiter: UInt8) {
    var results: [[CSVRecords.Record]] = []
    for keep in [false, true] {
        do throws(LongListError) {
            let records = try CSVRecords.parse(bytes, file: fuzzFile, delimiter: delimiter, keepBlankLines: keep)
            check("csv.linesAscending", zip(records, records.dropFirst()).allSatisfy { $0.line < $1.line })
            check("csv.lineFrom1", records.first.map { $0.line >= 1 } ?? true)
            check("csv.fields", records.allSatisfy { !$0.fields.isEmpty })
            results.append(records)
        } catch {
            checkProblems(error.problems, fatal: true)
        }
    }
    if results.count == 2 {
        // Dropping blank lines only drops records, and only ones that are a single empty field.
        var index = 0
        for record in results[1] {
            if index < results[0].count && results[0][index] == record {
                index += 1
            } else {
                check("csv.onlyBlankDropped", record.fields == [""], "line \(record.line)")
            }
        }
        check("csv.subsequence", index == results[0].count)
    } else {
        check("csv.sameOutcome", results.isEmpty, "keepBlankLines changed whether parsing throws")
    }
}
