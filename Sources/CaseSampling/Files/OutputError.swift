/// Why ``OutputDirectory`` could not write, naming the path involved.
///
/// ```
/// results/2024-06: already exists
/// results/2024-06: is a directory without draw.json, so it is not an earlier output; refusing to replace it
/// results/.2024-06.tmp-4242-1f3a9c07/sample-very-long….csv: cannot create the file: File name too long
/// ```
///
/// The messages are generic; a command-line tool adds its own advice, such as the flag that allows
/// replacing an earlier output.
public struct OutputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A kind of problem; compare with the static members, as in `error.kind == .alreadyExists`.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private enum Code: String {
            case alreadyExists, notADirectory, notAFile, unrecognisedDirectory, invalidName, missingParent
            case systemCallFailed
        }

        private let code: Code

        private init(_ code: Code) {
            self.code = code
        }

        /// The target exists and replacing it was not allowed.
        public static let alreadyExists = Kind(.alreadyExists)
        /// The target directory's path holds a file or a symbolic link.
        public static let notADirectory = Kind(.notADirectory)
        /// The target file's path holds a directory or something else that is not a regular file.
        public static let notAFile = Kind(.notAFile)
        /// The target is a directory without the marker file, so it may hold someone's own files.
        public static let unrecognisedDirectory = Kind(.unrecognisedDirectory)
        /// A file name that is empty, `.`, `..`, repeated, or contains `/` or NUL.
        public static let invalidName = Kind(.invalidName)
        /// The directory that should hold the target does not exist.
        public static let missingParent = Kind(.missingParent)
        /// The operating system refused an operation; the message gives its reason.
        public static let systemCallFailed = Kind(.systemCallFailed)

        public var description: String { code.rawValue }
    }

    public var kind: Kind
    /// The path the problem concerns.
    public var path: String
    /// What went wrong.
    public var message: String

    public init(_ kind: Kind, path: String, message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    /// `path: message`.
    public var description: String { "\(path): \(message)" }
}
