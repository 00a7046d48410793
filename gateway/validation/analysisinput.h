#pragma once

#include "kubeobjects.h"
#include "model/destinationrule.h"
#include "model/gateway.h"
#include "model/virtualservice.h"
#include "reporter.h"

#include <QHash>

// What the cross-resource analyzers (semantics doc §7) read: the workspace's Istio resources
// and Kubernetes objects, indexed once per validation run.
namespace Validation {

template <class T> struct Indexed {
    Project::DocumentRef ref;
    const Project::Document *document = nullptr;
    const T *resource = nullptr;

    const QString &nameSpace() const { return document->nameSpace(); }
    const QString &name() const { return document->name(); }
    QString fullName() const { return nameSpace() + QLatin1Char('/') + name(); }
    Reporter reporter(Core::Diagnostics &out) const { return Reporter(*document, out); }
};

struct AnalysisInput {
    // The indexes point into the vectors: moving keeps their buffers, copying would not.
    AnalysisInput() = default;
    AnalysisInput(AnalysisInput &&) = default;
    AnalysisInput &operator=(AnalysisInput &&) = default;
    AnalysisInput(const AnalysisInput &) = delete;
    AnalysisInput &operator=(const AnalysisInput &) = delete;

    const Project::Workspace *workspace = nullptr;
    std::vector<Indexed<Istio::Gateway>> gateways;
    std::vector<Indexed<Istio::VirtualService>> virtualServices;
    std::vector<Indexed<Istio::DestinationRule>> destinationRules;
    KubeObjects kube;
    QString domainSuffix = QStringLiteral("cluster.local");
    // Which kinds the workspace itself defines. Offline, a reference into a kind the user did
    // not model at all says nothing; istioctl's file mode reports it anyway (strict mode).
    bool strictReferences = false;
    bool hasOwnWorkloads = false;
    bool hasOwnServices = false; // Services or ServiceEntries
    bool hasOwnSecrets = false;

    QHash<QString, const Indexed<Istio::Gateway> *> gatewaysByName;             // "ns/name"
    QHash<QPair<QString, QString>, std::vector<const PodObject *>> podsByLabel; // (key, value)

    const Indexed<Istio::Gateway> *findGateway(const QString &fullName) const
    {
        return gatewaysByName.value(fullName, nullptr);
    }
    const Project::Document *documentOf(const ObjectRef &object) const
    {
        return object.document.isValid() ? &workspace->document(object.document) : nullptr;
    }
    // Pods (and workload templates) whose labels a selector matches, in any namespace.
    std::vector<const PodObject *> podsSelectedBy(const LabelMap &selector) const;
    // Short names become <name>.<namespace>.svc.<domainSuffix> (the compiler's rule).
    QString fullyQualified(const QString &host, const QString &nameSpace) const;
};

struct InputOptions {
    QString domainSuffix = QStringLiteral("cluster.local");
    bool strictReferences = false;
    // istioctl adds the default ingress gateway (a pod labelled istio=ingressgateway and the
    // istio-ingressgateway Service with ports 80, 443, 31400 and 15443, in istio-system) when it
    // analyses files; so does Gatehouse unless the workspace defines that Service itself.
    bool addDefaultIngressGateway = true;
};

AnalysisInput buildAnalysisInput(const Project::Workspace &workspace, const InputOptions &options);

// A destination of a VirtualService, with where it is written (the path is only built when a
// finding needs it: most destinations are fine).
struct DestinationUse {
    const Istio::Destination *destination;
    const char *list; // "tcp", "tls", "http"
    int rule = -1;
    int item = -1; // route[item], or mirrors[item]; -1 for http[rule].mirror
    bool mirror = false;

    bool httpRoute() const { return list[1] == 't'; } // "http"
    QString path() const
    {
        const QString rulePath = at(QLatin1String("spec.") + QLatin1String(list), rule);
        if (!mirror)
            return at(at(rulePath, "route"), item) + QStringLiteral(".destination");
        if (item < 0)
            return at(rulePath, "mirror");
        return at(at(rulePath, "mirrors"), item) + QStringLiteral(".destination");
    }
};

// Every destination of a VirtualService: tcp, tls and http routes, then http mirrors.
std::vector<DestinationUse> destinationsOf(const Istio::VirtualServiceSpec &spec);

LabelMap toLabelMap(const Istio::Labels &labels);
// "k1=v1,k2=v2" sorted by key, as Kubernetes prints a selector.
QString selectorString(const LabelMap &selector);
// Wildcard overlap in either direction ("*.a.com" and "b.a.com"; "*" and anything).
bool hostsOverlap(const QString &a, const QString &b);

} // namespace Validation
