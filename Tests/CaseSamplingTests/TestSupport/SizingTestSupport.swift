@testable import CaseSampling

/// Whether `actual` is within `tolerance` of `expected` (absolute difference).
func isClose(_ actual: Double, _ expected: Double, tolerance: Double) -> Bool {
    abs(actual - expected) <= tolerance
}

/// Whether both ends of `actual` are within `tolerance` of the expected ends.
func isClose(_ actual: Interval, lower: Double, upper: Double, tolerance: Double) -> Bool {
    isClose(actual.lower, lower, tolerance: tolerance) && isClose(actual.upper, upper, tolerance: tolerance)
}

/// The error `body` throws, if it is an `E`; `nil` if it throws nothing or something else.
func thrownError<E: Error>(_ type: E.Type, _ body: () throws -> Void) -> E? {
    do {
        try body()
        return nil
    } catch {
        return error as? E
    }
}
