import ArgumentParser
import Foundation
import Logging

/// The process entry: parses the command line, runs the command, and maps every failure to
/// one of the documented exit statuses.
@main
enum Entry {
    static func main() async {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel =
                Logger.Level(rawValue: ProcessInfo.processInfo.environment["MICIC_LOG_LEVEL"] ?? "")
                ?? .warning
            return handler
        }
        var command: any ParsableCommand
        do {
            command = try Micic.parseAsRoot()
        } catch {
            let code = Micic.exitCode(for: error)
            if code == .success {
                Micic.exit(withError: error)
            }
            FileHandle.standardError.write(Data((Micic.fullMessage(for: error) + "\n").utf8))
            exit(ExitStatus.usage.rawValue)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as ExitCode {
            exit(error.rawValue)
        } catch {
            // Help and usage errors can also surface while running (`micic help`).
            switch Micic.exitCode(for: error) {
            case .success: Micic.exit(withError: error)
            case .validationFailure:
                FileHandle.standardError.write(Data((Micic.fullMessage(for: error) + "\n").utf8))
                exit(ExitStatus.usage.rawValue)
            default: break
            }
            let status = ExitStatus(for: error)
            FileHandle.standardError.write(Data(("micic: " + ErrorText.describe(error) + "\n").utf8))
            exit(status.rawValue)
        }
    }
}
