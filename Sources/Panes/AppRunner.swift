import Dispatch
import Foundation
import Keys
import TerminalKit
import ViewModels

#if canImport(Glibc)
import Glibc
#endif

/// The run loop: the main queue owns the terminal. Keys arrive through a read source on stdin,
/// resizes through a SIGWINCH source; results of background work arrive as main-queue blocks.
/// Every change asks for a frame, and frames are coalesced to one a turn of the queue.
@MainActor
public final class AppRunner {
    private let model: AppModel
    private let session: TerminalSession
    private let canvas: NcursesCanvas
    private let view: RootView
    private var sources: [any DispatchSourceProtocol] = []
    private var spinner: (any DispatchSourceTimer)?
    private var framePending = false
    /// The size and layout the list's viewport was last fitted to.
    private var fitted: (size: Size, detailOpen: Bool)?
    /// Runs once on the way out, after the terminal is restored (stop the embedded service, …).
    public var onExit: (@MainActor () -> Void)?

    public init(model: AppModel, session: TerminalSession) {
        self.model = model
        self.session = session
        self.canvas = session.makeCanvas()
        self.view = RootView(model: model, theme: session.theme)
    }

    /// Starts loading, draws the first frame and serves events until the user quits.
    public func run() -> Never {
        model.onChange = { [weak self] in self?.scheduleFrame() }
        model.onCopy = { [weak self] text in self?.session.copyToClipboard(text) }

        let input = DispatchSource.makeReadSource(fileDescriptor: STDIN_FILENO, queue: .main)
        input.setEventHandler { [weak self] in MainActor.assumeIsolated { self?.drainInput() } }
        watch(input)

        let resize = DispatchSource.makeSignalSource(signal: SIGWINCH, queue: .main)
        resize.setEventHandler { [weak self] in
            MainActor.assumeIsolated {
                guard let self else { return }
                self.session.resizeFromKernel()
                self.fitLayout()
                self.drainInput()
                self.render()
            }
        }
        watch(resize)

        // The session ignores these so that Dispatch can deliver them here; exit codes follow
        // the shell's 128 + signal convention.
        let exits: [(signal: Int32, code: Int32)] = [(SIGINT, 130), (SIGTERM, 143), (SIGHUP, 129)]
        for entry in exits {
            let code = entry.code
            let source = DispatchSource.makeSignalSource(signal: entry.signal, queue: .main)
            source.setEventHandler { [weak self] in
                MainActor.assumeIsolated { () -> Void in
                    guard let self else { return }
                    self.finish(code)
                }
            }
            watch(source)
        }

        fitLayout()
        model.start()
        render()
        dispatchMain()
    }

    private func watch(_ source: any DispatchSourceProtocol) {
        sources.append(source)
        source.resume()
    }

    private func drainInput() {
        let keys = session.readKeys()
        if keys.isEmpty, Self.inputHungUp() {
            // The terminal went away (an SSH link dropped) without a SIGHUP reaching us.
            finish(129)
        }
        var pending: [Key] = []
        func deliver() {
            guard !pending.isEmpty else { return }
            model.handle(batch: pending)
            pending.removeAll()
        }
        for key in keys {
            if key == .resize {
                fitLayout()
                scheduleFrame()
                continue
            }
            if case .mouse(let event) = key {
                deliver()
                MouseRouting(model: model).handle(event, screen: canvas.size)
                continue
            }
            if key.isBindable { pending.append(key) }
        }
        deliver()
        if model.wantsQuit { finish(0) }
        // The suspend key is a row of the key map (Ctrl-Z where no text field takes it as undo).
        if model.wantsSuspend {
            model.wantsSuspend = false
            // Nothing is asked of the service while the shell has the terminal.
            model.live.suspend()
            session.suspend()
            model.live.resume()
            fitLayout()
            render()
        }
    }

    private static func inputHungUp() -> Bool {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) >= 0 else { return true }
        return descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    private func scheduleFrame() {
        // A change may open or close the detail, which reshapes the list: fitted here, on the
        // way to a frame, never inside one.
        fitLayout()
        updateSpinner()
        guard !framePending else { return }
        framePending = true
        DispatchQueue.main.async { [weak self] in
            MainActor.assumeIsolated {
                guard let self else { return }
                self.framePending = false
                self.render()
            }
        }
    }

    /// The list's viewport follows the terminal's size and the layout, whenever either changed.
    private func fitLayout() {
        let size = canvas.size
        let detailOpen = model.isDetailOpen
        if let fitted, fitted.size == size, fitted.detailOpen == detailOpen { return }
        fitted = (size, detailOpen)
        RootView.fit(model, to: size)
    }

    private func render() {
        view.render(on: canvas)
    }

    /// A timer only while something is loading: no wake-ups when idle.
    private func updateSpinner() {
        if model.isAnimating, spinner == nil {
            let timer = DispatchSource.makeTimerSource(queue: .main)
            timer.schedule(deadline: .now() + .milliseconds(100), repeating: .milliseconds(100))
            timer.setEventHandler { [weak self] in MainActor.assumeIsolated { self?.model.tick() } }
            timer.resume()
            spinner = timer
        } else if !model.isAnimating, let timer = spinner {
            timer.cancel()
            spinner = nil
        }
    }

    /// Every way out. A signal (the terminal went away, or someone asked us to stop) leaves nobody
    /// to ask about unsaved edits, so they are written as a draft for the next start.
    private func finish(_ code: Int32) -> Never {
        if code != 0 { model.saveDraftIfNeeded() }
        session.end()
        onExit?()
        exit(code)
    }
}
