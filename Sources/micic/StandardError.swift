import Foundation

/// Writes a diagnostic line to standard error (data goes to standard output).
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
