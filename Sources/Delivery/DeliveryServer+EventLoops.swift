internal import NIOCore
internal import NIOPosix
internal import Synchronization

extension DeliveryServer {
    /// Runs Swift concurrency's jobs on the server's event loop threads instead of a pool of
    /// their own, which saves two thread switches per request (the handlers are async).
    /// It applies to the whole process, so a program that only serves calls it once, at
    /// start; later calls do nothing.
    /// - Returns: whether the event loops run concurrency's jobs now.
    @discardableResult
    public static func runConcurrencyOnEventLoops() -> Bool {
        installed.withLock { installed in
            if installed == nil {
                installed = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
            }
            return installed!
        }
    }

    private static let installed = Mutex<Bool?>(nil)
}
