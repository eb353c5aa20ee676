/// `casesample size --organisation NAME --long-list SPEC=FILE`: beside each planned size of the
/// manual's resourcing table (figure 2, 4.1), the size the spec computes from a long list's actual
/// eligible cases.
public enum PlannedSizes {
    /// A long list's eligible cases and the size the spec's rule gives for them.
    public struct Actual: Sendable, Equatable {
        public var eligible: Int
        public var size: Int
    }

    /// Reads the long list at `path` for `spec` (its period placed by `fieldworkStart`), counts its
    /// eligible cases and sizes the sample as a draw without `--size` would.
    ///
    /// - Throws: ``DrawJob/Failure`` when the spec needs a fieldwork start that is not given or the
    ///   list has invalid rows; read, classification and sizing errors otherwise.
    public static func actual(longListPath path: String, spec: SampleSpec, fieldworkStart: String?, input: InputOptions = InputOptions()) throws -> Actual {
        var spec = spec
        if spec.period != nil {
            guard let fieldworkStart else {
                throw DrawJob.Failure(description: "the spec \"\(spec.name)\" samples a period placed by the start of fieldwork; give --fieldwork-start yyyy-mm-dd")
            }
            spec = try spec.resolvingPeriod(fieldworkStart: fieldworkStart).spec
        }
        let list = try LongListSource(path: path, sheet: input.sheet).read(for: spec, input: input)
        guard list.errors.isEmpty else {
            throw DrawJob.Failure(description: "the long list for \(spec.name) cannot be counted; fix it first:\n" + ReadProblem.summarise(list.errors))
        }
        let eligible = try Population.classify(list, by: spec).eligibleCount
        return Actual(eligible: eligible, size: try DrawJob.plannedSize(spec: spec, eligible: eligible))
    }
}
