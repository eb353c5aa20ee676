import Synchronization

extension ControlledRounding {
    /// The landing designs worked out so far in this process, by their arguments.
    ///
    /// A design is a pure function of the fractional parts, the variables and the pivot limit, and
    /// costs one or more linear programmes; a draw's outcome is then one uniform number. Repeated draws
    /// of one population and size (`casesample simulate`, the Monte Carlo tests) therefore solve the
    /// programmes once. Keeping a design changes no output: the same arguments give the same design.
    /// At most ``capacity`` designs are kept; past it the oldest half is forgotten.
    final class DesignCache: Sendable {
        struct Key: Hashable {
            var fractions: [Double]
            var variables: [Variable]
            var pivotLimit: Int
        }

        static let shared = DesignCache()
        static let capacity = 64

        private struct Entries: ~Copyable {
            var designs: [Key: Design] = [:]
            var order: [Key] = []
        }

        private let entries = Mutex(Entries())

        func design(for key: Key) -> Design? {
            entries.withLock { $0.designs[key] }
        }

        /// The designs kept now.
        var count: Int { entries.withLock { $0.designs.count } }

        func keep(_ design: Design, for key: Key) {
            entries.withLock { entries in
                guard entries.designs.updateValue(design, forKey: key) == nil else { return }
                entries.order.append(key)
                if entries.order.count > Self.capacity {
                    let forgotten = entries.order.prefix(Self.capacity / 2)
                    for old in forgotten { entries.designs[old] = nil }
                    entries.order.removeFirst(forgotten.count)
                }
            }
        }
    }
}
