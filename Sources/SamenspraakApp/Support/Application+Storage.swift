import Prometheus
import SamenspraakCore
import Vapor

extension Application {
    private struct ConfigKey: StorageKey { typealias Value = AppConfiguration }
    private struct ServicesKey: StorageKey { typealias Value = AppServices }
    private struct CatalogsKey: StorageKey { typealias Value = Catalogs }
    private struct MetricsKey: StorageKey { typealias Value = PrometheusCollectorRegistry }

    var samenspraakConfig: AppConfiguration {
        get { storage[ConfigKey.self] ?? AppConfiguration() }
        set { storage[ConfigKey.self] = newValue }
    }

    var services: AppServices {
        get { storage[ServicesKey.self] ?? .live }
        set { storage[ServicesKey.self] = newValue }
    }

    var catalogs: Catalogs {
        get {
            guard let catalogs = storage[CatalogsKey.self] else {
                preconditionFailure("configure(_:_:) loads the catalogs before any request")
            }
            return catalogs
        }
        set { storage[CatalogsKey.self] = newValue }
    }

    var metricsRegistry: PrometheusCollectorRegistry {
        get {
            if let registry = storage[MetricsKey.self] { return registry }
            let registry = PrometheusCollectorRegistry()
            storage[MetricsKey.self] = registry
            return registry
        }
        set { storage[MetricsKey.self] = newValue }
    }
}

extension Request {
    var services: AppServices { application.services }
    var now: Date { application.services.now() }
}

extension Application {
    private struct DummyHashKey: StorageKey { typealias Value = String }

    /// A bcrypt hash of a random string at the configured cost, checked against when an e-mail is unknown,
    /// so a wrong address takes as long to refuse as a wrong password.
    var dummyPasswordHash: String {
        get { storage[DummyHashKey.self] ?? "" }
        set { storage[DummyHashKey.self] = newValue }
    }
}

extension Application {
    /// The smallest number of ratings a moment's figures may describe: the configured minimum, never below the floor.
    var figureThreshold: Int { max(samenspraakConfig.minimumGroup, Suppression.minimumThreshold) }
}
