extension DrawOutputs {
    /// The names of the sheets of `provisional.xlsx`.
    static let workbookSheets = (sample: "Sample", substitutes: "Substitutes")

    /// Adds `provisional.xlsx` (``OutputFiles/provisionalWorkbook``): the cells of `provisional.csv` on
    /// a sheet `Sample` and of `substitutes.csv` on a sheet `Substitutes`, every cell text (a case
    /// reference never becomes a number), the header row frozen and filtered and the columns fitted
    /// (``WorkbookWriter``), stored uncompressed; its SHA-256 joins the others in `draw.json`, so that
    /// `verify` re-derives it byte for byte and `finalize` checks it. The cells are the long list's
    /// text as written: nothing is prefixed with `'`, since a workbook's text cell is never a formula.
    mutating func addWorkbook() {
        var writer = WorkbookWriter()
        do {
            try writer.addSheet(named: Self.workbookSheets.sample, header: sheets.provisional.first ?? [], rows: Array(sheets.provisional.dropFirst()))
            try writer.addSheet(named: Self.workbookSheets.substitutes, header: sheets.substitutes.first ?? [], rows: Array(sheets.substitutes.dropFirst()))
        } catch {
            preconditionFailure("the sheet names are fixed and valid: \(error)")
        }
        let bytes = writer.bytes()
        record.outputs.entries.append(.init(name: OutputFiles.provisionalWorkbook, sha256: SHA256.hexDigest(bytes)))
        record = record.sealed()
        let after = files.firstIndex { $0.name == OutputFiles.substitutes }.map { $0 + 1 } ?? 0
        files.insert((OutputFiles.provisionalWorkbook, bytes), at: after)
        if let index = files.firstIndex(where: { $0.name == OutputFiles.drawRecord }) {
            files[index].bytes = record.serializedBytes()
        }
    }
}
