import ArgumentParser
import Dataverse
import Foundation
import Panes
import TerminalKit
import ViewModels

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Print the configuration in force, secrets masked.",
        discussion: "Reads $XDG_CONFIG_HOME/segtui/config.toml and the flags; a malformed file is reported with its line. " + ExitStatus.documentation)

    @OptionGroup var service: ServiceOptions

    func run() throws {
        try reportingFailures {
            let environment = ProcessInfo.processInfo.environment
            let directories = AppDirectories(environment: environment)
            let file = try service.configFile(environment: environment)
            let profile = try service.resolvedProfile(environment: environment, file: file)
            let method = profile.effectiveAuth(environment: environment)
            var rows: [(String, String)] = [
                ("config file", directories.configPath + (FileManager.default.fileExists(atPath: directories.configPath) ? "" : " (absent)")),
                ("profile", profile.name),
                ("url", profile.url?.absoluteString ?? "(embedded demo service)"),
                ("api version", profile.apiVersion),
                ("segment api", profile.api ?? "auto (asked once per organisation, remembered in \(directories.rememberedAPIsPath))"),
                ("auth", method.rawValue),
            ]
            if method == .clientCredentials || method == .deviceCode {
                rows += [("tenant", profile.tenant ?? ""), ("client id", profile.clientId ?? ""),
                         ("authority", profile.authority.absoluteString), ("scope", profile.scope ?? "(default for the url)")]
            }
            if let variable = profile.clientSecretEnv {
                rows.append(("client secret", "$\(variable) = " + (environment[variable].map(SignIn.mask) ?? "(not set)")))
            }
            if let file = profile.clientSecretFile { rows.append(("client secret", "file \(file)")) }
            if let command = profile.tokenCommand { rows.append(("token command", command)) }
            if method == .token, let token = environment["SEGTUI_TOKEN"] { rows.append(("token", "SEGTUI_TOKEN = " + SignIn.mask(token))) }
            if method == .deviceCode { rows.append(("refresh tokens", directories.refreshTokenPath)) }
            if let trace = profile.trace { rows.append(("trace", trace + " (every exchange, secrets redacted)")) }
            rows += [("page size", String(profile.pageSize)), ("refresh", profile.refresh == 0 ? "off" : "every \(profile.refresh) s"),
                     ("read-only", String(profile.readOnly)),
                     ("timeout", "\(profile.timeout) s"), ("data", directories.data), ("state", directories.state)]
            let screen: ScreenSettings
            do { screen = try ScreenSettings(file: file) } catch {
                throw CommandFailure(.usage, "\(error)")
            }
            rows.append(("mouse", screen.mouse == true ? "on" : "off (--mouse turns it on)"))
            if screen.noColor == true { rows.append(("colour", "off (no_color in [ui])")) }
            if screen.ascii == true { rows.append(("drawing", "ASCII (ascii in [ui])")) }
            for (role, _) in screen.themeOverrides.sorted(by: { Theme.configName(of: $0.key) < Theme.configName(of: $1.key) }) {
                rows.append(("theme", Theme.configName(of: role) + " (from the file)"))
            }
            for binding in screen.bindings where !KeyMap.defaults.contains(binding) {
                let keys = binding.chords.isEmpty ? "(no key)" : binding.keysLabel
                rows.append(("keys", "\(binding.context.rawValue).\(binding.action.configName) = \(keys)"))
            }
            for (label, value) in rows { Output.line(label.padding(toLength: 16, withPad: " ", startingAt: 0) + value) }
            do {
                try profile.validate(environment: environment)
            } catch {
                throw CommandFailure(.usage, "\(error)")
            }
        }
    }
}
