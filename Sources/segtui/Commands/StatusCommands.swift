import ArgumentParser
import Dataverse
import Dispatch
import Foundation
import Segments

/// What `golive` and `stop` share: resolve, move the segment towards `target` (outbound: PATCH the
/// transitional status with If-Match; journeys: the publish and stop actions), and optionally wait
/// for the service to settle, backing off between looks.
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
            guard allows(segment) else {
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
                if current.status == .error {
                    let reason = current.errorReason.map { ": " + $0 } ?? ""
                    throw CommandFailure(.failure, "'\(segment.name)' ended in Error\(reason).")
                }
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

    /// Outbound keeps its metadata's transitions (Live may go live again); journeys its own rules.
    private func allows(_ segment: Segment) -> Bool {
        if segment.api == .outbound { return segment.status.canMove(to: target) }
        return target == .goingLive ? segment.status.canPublish : segment.status.canStop
    }

    /// Sends the change (publish or stop, which outbound maps to its status PATCH); after an answer
    /// that leaves open whether it happened, reads the segment again and reports its status when the
    /// change took effect. A refusal the service explains (a stop blocked by journeys) names them.
    /// Returns the status to report.
    private func change(_ segment: Segment, _ service: any SegmentService) throws -> SegmentStatus {
        let outcome: StatusChangeOutcome
        do throws(SegmentServiceError) {
            outcome = target == .goingLive
                ? try service.publish(id: segment.id, ifMatch: segment.etag) : try service.stop(id: segment.id, ifMatch: segment.etag)
        } catch {
            guard LostReplies.mayHaveLanded(error) else { throw CommandFailure(error) }
            let current = try service.segment(id: segment.id)
            guard isReached(current.status) else { throw CommandFailure(error) }
            Output.note("'\(segment.name)': the service's answer was lost; read again, it is \(current.status.label).")
            return current.status
        }
        guard outcome.accepted else {
            throw CommandFailure(SegmentServiceError.refused(
                message: outcome.message ?? "The service refused to \(verb) '\(segment.name)'", blockers: outcome.blockers))
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
        commandName: "golive", abstract: "Take a segment live (Going live, then Live); journeys: publish.",
        discussion: "A segment already Going live or Live is left as it is (exit 0). " + ExitStatus.documentation)

    @OptionGroup var arguments: StatusChangeArguments

    func run() throws {
        try reportingFailures {
            try arguments.service.refuseWritesIfReadOnly("golive")
            try arguments.run(StatusChange(target: .goingLive, settled: [.live, .liveWithWarnings], verb: "go live"))
        }
    }
}

struct StopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop", abstract: "Stop a live segment (Stopping, then Stopped); journeys refuse while journeys use it, naming them.",
        discussion: "A segment already Stopping or Stopped is left as it is (exit 0). " + ExitStatus.documentation)

    @OptionGroup var arguments: StatusChangeArguments

    func run() throws {
        try reportingFailures {
            try arguments.service.refuseWritesIfReadOnly("stop")
            try arguments.run(StatusChange(target: .stopping, settled: [.stopped], verb: "stop"))
        }
    }
}
