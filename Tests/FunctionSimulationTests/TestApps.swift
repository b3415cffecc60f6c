import Foundation
import ServerlessComposition

@testable import FunctionSimulation

/// Apps composed by the real composition, as `simulate` composes them.
enum TestApps {
  /// A scale-to-zero App behind the gateway, with `scaling` merged into its `spec.scaling` and `spec`
  /// into its spec.
  static func xr(scaling: Value = [:], spec: Value = [:]) -> Value {
    let base: Value = [
      "apiVersion": "devopstoolkit.live/v1beta1",
      "kind": "App",
      "metadata": ["name": "web", "namespace": "a-team"],
      "spec": [
        "image": "ghcr.io/vfarcic/silly-demo", "tag": "v1.5.235", "port": 8080, "host": "web.example.com",
        "routing": "gateway-api", "minReplicas": 0, "maxReplicas": 5, "providerConfigName": "a-team",
        "targetNamespace": "dev",
        "scaling": [
          "enabled": true, "prometheusAddress": "http://kube-prometheus-stack-prometheus.prometheus-system:9090",
        ],
      ],
    ]
    return base.merging(["spec": spec.merging(["scaling": (spec["scaling"] ?? [:]).merging(scaling)])])
  }

  static func composed(_ xr: Value) -> ComposedApp {
    let result = Composer.compose(CompositionRequest(composite: xr))
    precondition(!result.isFatal, "\(result.results.map(\.message))")
    return ComposedApp(xr: xr, objects: result.resources.mapValues(\.resource))
  }

  static func app(scaling: Value = [:], spec: Value = [:]) -> ComposedApp { composed(xr(scaling: scaling, spec: spec)) }

  /// Poisson arrivals at `rate` per second, `count` of them, from a seeded generator.
  static func poisson(rate: Double, count: Int, seed: UInt64) -> Trace {
    var generator = SplitMix64(seed: seed)
    var time = 0.0
    var arrivals: [Double] = []
    arrivals.reserveCapacity(count)
    for _ in 0..<count {
      time += -log1p(-generator.nextUnit()) / rate
      arrivals.append(time)
    }
    return Trace(arrivals: arrivals)
  }
}
