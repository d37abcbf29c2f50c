import ArgumentParser
import Dispatch
import Foundation
import Segments

/// What `golive` and `stop` share: resolve, PATCH the transitional status with If-Match, and
/// optionally wait for the service to settle, backing off between looks.
struct StatusChange {
    var target: SegmentStatus
    var settled: Set<SegmentStatus>
    var verb: String

    func run(_ text: String, wait: Bool, timeout: Double, service: any SegmentService) throws {
        let segment = try SegmentResolver.resolve(text, in: service)
        guard segment.status.canMove(to: target) else {
            throw CommandFailure(.conflict, "'\(segment.name)' is \(segment.status.label) and cannot \(verb) now.")
        }
        try service.setStatus(id: segment.id, to: target, ifMatch: segment.etag)
        FileHandle.standardError.write(Data("\(segment.name): \(target.label)\n".utf8))
        guard wait else {
            Output.line(target.label)
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
        commandName: "golive", abstract: "Take a segment live (Going live, then Live).", discussion: ExitStatus.documentation)

    @OptionGroup var arguments: StatusChangeArguments

    func run() throws {
        try reportingFailures {
            try arguments.service.refuseWritesIfReadOnly("golive")
            try arguments.run(StatusChange(target: .goingLive, settled: [.live], verb: "go live"))
        }
    }
}

struct StopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop", abstract: "Stop a live segment (Stopping, then Stopped).", discussion: ExitStatus.documentation)

    @OptionGroup var arguments: StatusChangeArguments

    func run() throws {
        try reportingFailures {
            try arguments.service.refuseWritesIfReadOnly("stop")
            try arguments.run(StatusChange(target: .stopping, settled: [.stopped], verb: "stop"))
        }
    }
}
