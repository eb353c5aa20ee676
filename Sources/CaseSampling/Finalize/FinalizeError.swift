/// Why `finalize` or `replace` stopped, with every problem found; nothing was written.
///
/// Problems are ``ReadProblem``s, located like the reader's (`file:line:column: error: message
/// (column N "Header")`), and like the reader's they never quote a cell: returned lists hold names and dates of birth, so a
/// message says where a problem is and what is allowed, never what the cell says.
public struct FinalizeError: Error, Sendable, CustomStringConvertible {
    /// One line saying what could not be done.
    public var summary: String
    public var problems: [ReadProblem]
    /// Lines after the problems, such as the values that would have been accepted.
    public var notes: [String] = []

    public init(_ summary: String, problems: [ReadProblem] = []) {
        self.summary = summary
        self.problems = problems
    }

    /// A single problem, which is also the summary.
    init(_ problem: ReadProblem) {
        self.summary = problem.description
        self.problems = []
    }

    /// The summary, then the first 20 problems, one a line.
    public var description: String {
        var lines = [summary]
        lines += problems.prefix(20).map(\.description)
        if problems.count > 20 { lines.append("… and \(problems.count - 20) more problems") }
        lines += notes
        return lines.joined(separator: "\n")
    }
}

extension FinalizeError {
    /// The reader's problems with a file, as finalize reports them.
    init(reading error: LongListError, what: String) {
        self.init("\(what) cannot be read (nothing was written):", problems: error.problems)
    }
}
