/// Why ``JSONValue/parse(_:)`` rejected a document, and where.
///
/// The location is the offending byte's line and column, both counted from 1; columns count characters,
/// not bytes, and lines end at LF. The path names the value being read, from the root `$`: `.key` for a
/// member whose key is a plain identifier, `["key"]` for any other key, `[2]` for an array element,
/// counted from 0. Messages name structural characters and, for a duplicate, the key, but never quote
/// string contents or numbers.
///
/// ```
/// line 3, column 12: duplicate key "size"; each key may appear once in an object (at $.strata[0].size)
/// ```
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A kind of problem; compare with the static members, as in `error.kind == .trailingComma`.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private enum Code: String {
            case emptyDocument, unexpectedEnd, unexpectedCharacter, comment, trailingComma, duplicateKey
            case invalidLiteral, invalidNumber, leadingZero, numberOutOfRange
            case unterminatedString, invalidEscape, loneSurrogate, controlCharacterInString, invalidUTF8
            case trailingContent, tooDeeplyNested
        }

        private let code: Code

        private init(_ code: Code) {
            self.code = code
        }

        /// Nothing but whitespace.
        public static let emptyDocument = Kind(.emptyDocument)
        /// The input stops inside an object or array.
        public static let unexpectedEnd = Kind(.unexpectedEnd)
        /// A character that cannot appear here.
        public static let unexpectedCharacter = Kind(.unexpectedCharacter)
        /// A `//` or `/*` comment, which JSON does not have.
        public static let comment = Kind(.comment)
        /// A comma before `]` or `}`.
        public static let trailingComma = Kind(.trailingComma)
        /// A key that appears twice in one object.
        public static let duplicateKey = Kind(.duplicateKey)
        /// A word other than `true`, `false` or `null`.
        public static let invalidLiteral = Kind(.invalidLiteral)
        /// A number missing digits, such as `-`, `1.` or `1e`.
        public static let invalidNumber = Kind(.invalidNumber)
        /// A number such as `01` with a leading zero.
        public static let leadingZero = Kind(.leadingZero)
        /// A number too large for a double.
        public static let numberOutOfRange = Kind(.numberOutOfRange)
        /// A string without its closing quote.
        public static let unterminatedString = Kind(.unterminatedString)
        /// A backslash not followed by one of `" \ / b f n r t u`, or `\u` without four hex digits.
        public static let invalidEscape = Kind(.invalidEscape)
        /// A `\u` escape of half a surrogate pair without its other half.
        public static let loneSurrogate = Kind(.loneSurrogate)
        /// A raw control character (below U+0020) inside a string.
        public static let controlCharacterInString = Kind(.controlCharacterInString)
        /// Bytes that are not UTF-8.
        public static let invalidUTF8 = Kind(.invalidUTF8)
        /// Anything but whitespace after the document's value.
        public static let trailingContent = Kind(.trailingContent)
        /// More nesting than ``JSONValue/maximumDepth``.
        public static let tooDeeplyNested = Kind(.tooDeeplyNested)

        public var description: String { code.rawValue }
    }

    public var kind: Kind
    /// Line of the offending byte, from 1.
    public var line: Int
    /// Column of the offending character in its line, from 1.
    public var column: Int
    /// The value being read, such as `$.strata[0].size`.
    public var path: String
    /// What went wrong and what is allowed.
    public var message: String

    public init(_ kind: Kind, line: Int, column: Int, path: String, message: String) {
        self.kind = kind
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }

    /// `line L, column C: message (at path)`.
    public var description: String {
        "line \(line), column \(column): \(message) (at \(path))"
    }
}
