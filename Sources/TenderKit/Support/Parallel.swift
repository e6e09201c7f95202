import Dispatch

/// Work spread over the machine's cores, for items that share nothing (each document of an
/// offer opens its own archive and its own XML trees).
public enum Parallel {
    /// `transform` of each item, in the items' order, computed on all cores. Each item runs in
    /// the caller's language (`Language.current`), which a worker thread would not otherwise see.
    static func map<T, U>(_ items: [T], _ transform: (T) -> U) -> [U] {
        guard items.count > 1 else { return items.map(transform) }
        let language = Language.current
        return [U](unsafeUninitializedCapacity: items.count) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            // Each iteration writes its own slot only.
            DispatchQueue.concurrentPerform(iterations: items.count) { i in
                Language.$override.withValue(language) {
                    (base + i).initialize(to: transform(items[i]))
                }
            }
            initialized = items.count
        }
    }

    /// `transform` of each item on all cores: every output in order, or every error thrown,
    /// in the items' order, all at once.
    static func map<T, U>(_ items: [T], _ transform: (T) throws -> U) throws -> [U] {
        let outcomes = map(items) { item -> Outcome<U> in
            do { return .value(try transform(item)) } catch { return .failure(error) }
        }
        var outputs: [U] = [], diagnostics: [Diagnostic] = []
        for outcome in outcomes {
            switch outcome {
            case .value(let output): outputs.append(output)
            case .failure(let error as TenderError): diagnostics.append(contentsOf: error.diagnostics)
            case .failure(let error): throw error
            }
        }
        if !diagnostics.isEmpty { throw TenderError(diagnostics) }
        return outputs
    }

    /// `first` and `second` at once, on two threads (a data file read while a template opens):
    /// both results, or every error either threw, the first's before the second's, all at once.
    public static func both<A, B>(_ first: () throws -> A, _ second: () throws -> B) throws -> (A, B) {
        let results = try map([true, false]) { isFirst in
            isFirst ? Either<A, B>.first(try first()) : .second(try second())
        }
        guard case .first(let a) = results[0], case .second(let b) = results[1] else {
            preconditionFailure("Parallel.map keeps the items' order")
        }
        return (a, b)
    }

    private enum Either<A, B> {
        case first(A)
        case second(B)
    }

    private enum Outcome<V> {
        case value(V)
        case failure(any Error)
    }
}
