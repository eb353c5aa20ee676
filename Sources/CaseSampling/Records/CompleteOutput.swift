/// Whether a directory that `--force` would replace is a complete output of casesample: its record
/// reads as one and every file the record lists is a regular file inside it. A directory whose only
/// mark is a `draw.json` holding `{}` is not (issue 15, item 11): it may hold someone's own files.
enum CompleteOutput {
    /// Why `directory` is not a complete draw, or nil when it is one, or holds no `draw.json` at all
    /// (``StagedOutput`` decides about those: absent, or not an earlier output).
    static func drawProblem(_ directory: String) -> String? {
        problem(directory, record: DrawRecord.self, marker: OutputFiles.drawRecord) { record in
            record.outputs.names + [OutputFiles.spec]
        }
    }

    /// Why `directory` is not a complete final sample, or nil when it is one, or holds no `finalize.json`.
    static func finalSampleProblem(_ directory: String) -> String? {
        problem(directory, record: FinalizeRecord.self, marker: OutputFiles.finalizeRecord) { record in
            record.outputs.names
        }
    }

    private static func problem<Record: RecordFile>(
        _ directory: String, record type: Record.Type, marker: String, files: (Record) -> [String]
    ) -> String? {
        let bytes: [UInt8]
        switch DirectoryFile.read(marker, in: directory) {
        case .success(let read): bytes = read
        case .failure(.missing): return nil
        case .failure(let failure): return "its \(marker) \(failure)"
        }
        guard let record = try? Record.load(bytes: bytes, file: marker) else {
            return "its \(marker) is not \(Record.kind)"
        }
        let missing = files(record).filter { !DirectoryFile.isRegularFile($0, in: directory) }
        guard missing.isEmpty else {
            return "it lacks \(missing.joined(separator: ", ")), which its \(marker) lists"
        }
        return nil
    }
}
