import ArgumentParser
import Dataverse
import Dispatch
import Foundation
import Segments

/// What `golive` and `stop` share: resolve, PATCH the transitional status with If-Match, and
/// optionally wait for the service to settle, backing off between looks.
struct StatusChange {
    var target: SegmentStatus
    var settled: Set<SegmentStatus>
    var verb: String

    /// Whether `status` is where this change leads: the transitional status or the settled one.
    private func isReached(_ status: SegmentStatus) -> Bool { status == target || settled.contains(status) }

    func run(_ text: String, wait: Bool, timeout: Double, service: any SegmentService) throws {
        let segment = try SegmentResolver.resolve(text, in: service)
        var reported: SegmentStatus
        if isReached(segment.status) {
            // Asking again would only start the change over (Live → Going live re-evaluates).
            Output.note("'\(segment.name)' is already \(segment.status.label); nothing was changed.")
            reported = segment.status
        } else {
            guard segment.status.canMove(to: target) else {
                throw CommandFailure(.conflict, "'\(segment.name)' is \(segment.status.label) and cannot \(verb) now.")
            }
            reported = try change(segment, service)
        }
        guard wait else {
            Output.line(reported.label)
            return
        }
        let deadline = Date(timeIntervalSinceNow: timeout)
        var delay = 0.25
        while true {
            let current = try service.segment(id: segment.id)
            if settled.contains(current.status) || current.status == .error {
                Output.line(current.status.label)
                if current.status == .error { throw CommandFailure(.failure, "'\(segment.name)' ended in Error.") }
                return
            }
            guard Date() < deadline else {
                throw CommandFailure(.failure, "'\(segment.name)' is still \(current.status.label) after \(Int(timeout)) s.")
            }
            // Waiting for the service is the point of --wait; back off so we do not hammer it.
            _ = DispatchSemaphore(value: 0).wait(timeout: .now() + delay)
            delay = min(delay * 2, 5)
        }
    }

    /// Sends the change; after an answer that leaves open whether it happened, reads the segment
    /// again and reports its status when the change took effect. Returns the status to report.
    private func change(_ segment: Segment, _ service: any SegmentService) throws -> SegmentStatus {
        do {
            try service.setStatus(id: segment.id, to: target, ifMatch: segment.etag)
        } catch {
            guard LostReplies.mayHaveLanded(error) else { throw CommandFailure(error) }
            let current = try service.segment(id: segment.id)
            guard isReached(current.status) else { throw CommandFailure(error) }
            Output.note("'\(segment.name)': the service's answer was lost; read again, it is \(current.status.label).")
            return current.status
        }
        Output.note("\(segment.name): \(target.label)")
        return target
    }
}

/// The arguments `golive` and `stop` share.
struct StatusChangeArguments: ParsableArguments {
    @OptionGroup var service: ServiceOptions
    @Argument(help: ArgumentHelp("The segment's id or exact name.", valueName: "id-or-name")) var segment: String
    @Flag(help: "Wait until the service reports the settled status or Error.") var wait = false
    @Option(help: "Seconds --wait waits at most.") var waitTimeout: Double = 300

    func run(_ change: StatusChange) throws {
        try service.withService { service in
            try change.run(segment, wait: wait, timeout: waitTimeout, service: service)
        }
    }
}

struct GoLiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "golive", abstract: "Take a segment live (Going live, then Live).",
        discussion: "A segment already Going live or Live is left as it is (exit 0). " + ExitStatus.documentation)

    @OptionGroup var arguments: StatusChangeArguments

    func run() throws {
        try reportingFailures { try arguments.run(StatusChange(target: .goingLive, settled: [.live], verb: "go live")) }
    }
}

struct StopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop", abstract: "Stop a live segment (Stopping, then Stopped).",
        discussion: "A segment already Stopping or Stopped is left as it is (exit 0). " + ExitStatus.documentation)

    @OptionGroup var arguments: StatusChangeArguments

    func run() throws {
        try reportingFailures { try arguments.run(StatusChange(target: .stopping, settled: [.stopped], verb: "stop")) }
    }
}
