@testable import CaseSampling

extension FinalOutputs {
    /// Writes the files as `finalize` and `replace` do.
    func write(to directory: String, replacingExisting: Bool) throws {
        try StagedOutput.write(files, to: directory, replacingExisting: replacingExisting, marker: OutputFiles.finalizeRecord)
    }

    /// The files of the final sample in `directory` made again from what it holds.
    init(rewriting directory: FinalizeDirectory, toolVersion: String) {
        let record = directory.record
        self.init(
            sample: directory.sample, spec: record.spec, draw: record.draw, returned: record.returned, history: record.history,
            toolVersion: toolVersion)
    }
}
