internal import Hummingbird
internal import Kernel
internal import Logging
internal import Postgres

/// Answers every failure as a problem detail (``Problem``): unknown paths 404, methods
/// other than GET and HEAD 405 (every resource is read-only), the Kernel's refusals 400,
/// an unreachable database or a statement out of time 503, anything else 500 (logged; its
/// details never reach the client).
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            var problem = Problem(.methodNotAllowed, "the API is read-only: resources answer GET and HEAD")
            problem.headers[.allow] = "GET, HEAD"
            return try problem.response(from: request, context: context)
        }
        do {
            return try await next(request, context)
        } catch {
            return try Self.problem(for: error, logger: context.logger).response(from: request, context: context)
        }
    }

    /// The problem `error` stands for.
    static func problem(for error: any Error, logger: Logger) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let error as HTTPError where error.status == .notFound:
            return Problem.notFound("there is no resource at this path; the API is described at /openapi.json")
        case let error as HTTPError:
            return Problem(error.status, error.body ?? error.status.reasonPhrase)
        case let error as ValidationError:
            return Problem(.badRequest, "the request is not valid", invalidParameters: error.issues)
        case let error as ContentError where error.code == .notFound || error.code == .unknownType:
            return Problem.notFound(error.message)
        case let error as ContentError where error.code == .invalidState:
            return Problem(.badRequest, error.message)
        case let error as PostgresError
        where [.connectionFailed, .connectionLost, .connectionClosed, .poolClosed].contains(error.code):
            logger.error("the database cannot be reached", metadata: ["error": "\(error)"])
            return Problem(.serviceUnavailable, "the database cannot be reached; try again shortly")
        case let error as PostgresError where error.sqlState == .queryCanceled:
            logger.warning("a statement ran out of time", metadata: ["error": "\(error)"])
            var problem = Problem(.serviceUnavailable, "the request took too long; try again shortly")
            problem.headers[.retryAfter] = "5"
            return problem
        default:
            logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            return Problem(.internalServerError, "the request failed; the server logged why")
        }
    }
}
