extension DrawOutputs {
    /// Records in `draw.json` how the long list was given: a workbook and its sheet, standard input,
    /// `--column` mappings and `--date-order`. Nothing is added for a CSV file read with none of these,
    /// so such records are as before.
    mutating func recordInput(_ source: LongListSource, _ input: InputOptions, standardInput: Bool) {
        var amended = record
        if source.format == .xlsx {
            amended.input.format = source.format.rawValue
            amended.input.sheet = source.sheet
        }
        if let original = source.original { amended.input.bytes = original.count }
        if standardInput { amended.input.standardInput = true }
        if !input.columns.isEmpty { amended.input.columns = input.columns.map(\.description) }
        amended.input.dateOrder = input.dateOrder?.rawValue
        guard amended != record else { return }
        record = amended
        record = record.sealed()
        if let index = files.firstIndex(where: { $0.name == OutputFiles.drawRecord }) {
            files[index].bytes = record.serializedBytes()
        }
    }
}
