import Dispatch
import Testing

@testable import CaseSampling

@Suite struct BackgroundTaskTests {
    struct Failure: Error, Equatable {}

    @Test func valueIsTheWorksResultEveryTimeItIsAsked() throws {
        let task = BackgroundTask { (1...1000).reduce(0, +) }
        #expect(try task.value() == 500_500)
        #expect(try task.value() == 500_500)
    }

    @Test func valueRethrowsTheWorksError() {
        let task = BackgroundTask { () throws -> Int in throw Failure() }
        #expect(throws: Failure.self) { try task.value() }
        #expect(throws: Failure.self) { try task.value() }
    }

    @Test func tasksRunAtTheSameTime() throws {
        // Each task waits for the other to start: they finish only if both run at once.
        let started = (DispatchSemaphore(value: 0), DispatchSemaphore(value: 0))
        let first = BackgroundTask { started.0.signal(); return started.1.wait(timeout: .now() + 30) == .success }
        let second = BackgroundTask { started.1.signal(); return started.0.wait(timeout: .now() + 30) == .success }
        #expect(try first.value())
        #expect(try second.value())
    }

    @Test func deferredTaskWaitsForStartOrValue() throws {
        let ran = DispatchSemaphore(value: 0)
        let deferred = BackgroundTask(startingNow: false) { ran.signal(); return 7 }
        #expect(ran.wait(timeout: .now() + 0.2) == .timedOut)
        deferred.start()
        deferred.start()
        #expect(try deferred.value() == 7)
        #expect(ran.wait(timeout: .now() + 30) == .success)
        #expect(ran.wait(timeout: .now() + 0.2) == .timedOut, "the work ran once")

        let neverStarted = BackgroundTask(startingNow: false) { 8 }
        #expect(try neverStarted.value() == 8)
    }
}
