import Dataverse
import Dispatch
import Foundation
import Synchronization
import ViewModels

/// Where a device-code prompt goes: stderr until the full screen starts, the status bar after
/// (where stderr is a log file nobody sees), so that a sign-in needed mid-session is not
/// waiting silently for a code nobody was shown.
final class SignInPrompt: Sendable {
    private let app = Mutex<(@Sendable (String) -> Void)?>(nil)

    func show(_ code: OAuthTokenEndpoint.DeviceCode) {
        if let toApp = app.withLock({ $0 }) {
            toApp(code.message)
        } else {
            // The token endpoint's words are untrusted like the service's: sanitised as every message is.
            Output.note(code.message)
        }
    }

    /// From now on, prompts go to `model`'s status bar (until dismissed).
    @MainActor
    func forward(to model: AppModel) {
        let send: @Sendable (String) -> Void = { [weak model] message in
            DispatchQueue.main.async { @Sendable in MainActor.assumeIsolated { model?.show(error: "Sign in again: " + message) } }
        }
        app.withLock { $0 = send }
    }
}
