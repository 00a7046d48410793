#pragma once

#include "document.h"

#include <QByteArray>
#include <QString>
#include <optional>

namespace Project {

// The networking.istio.io versions a cluster serves Gateway, VirtualService and DestinationRule
// in (§1: identical schemas; v1 needs Istio 1.22 or later).
inline constexpr const char *ISTIO_NETWORKING_VERSIONS[] = {"v1", "v1beta1", "v1alpha3"};

bool isIstioNetworkingVersion(const QString &version);

// Whether a kind of networking.istio.io is served in all three versions, so that its apiVersion
// can be changed without the cluster refusing it. EnvoyFilter (v1alpha3 only) and ProxyConfig
// (v1beta1 only) are not.
bool isServedInEveryNetworkingVersion(const QString &kind);

// The outcome of re-versioning one document for export.
struct ApiVersionChange {
    QByteArray text; // the document's text, changed or as it was
    bool changed = false;
    QString skipped; // why a networking.istio.io document kept its version; empty otherwise
};

// The document's text with its networking.istio.io apiVersion set to `version` ("v1",
// "v1beta1" or "v1alpha3"). Only the apiVersion value's characters change: comments, quoting
// style and every other byte stay as they were. Documents of other API groups are returned
// unchanged without a reason.
ApiVersionChange withNetworkingVersion(const Document &document, const QString &version);

} // namespace Project
