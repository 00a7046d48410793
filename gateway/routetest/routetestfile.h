#pragma once

// The route test file (shared/docs/route-tests.md), as typed values read with the same field
// tables as the Istio model, so unknown keys and wrong types get positioned diagnostics.

#include "model/common.h"

namespace RouteTest {

enum class Protocol { Http, Tls, Tcp };

} // namespace RouteTest

namespace Istio {
template <> struct EnumInfo<RouteTest::Protocol> {
    static constexpr const char *what = "protocol";
    static constexpr bool caseInsensitive = false;
    static constexpr std::array names = {"http", "tls", "tcp"};
};
} // namespace Istio

namespace RouteTest {

using Istio::field;

struct RequestSpec {
    std::optional<QString> url;
    std::optional<QString> method;
    Istio::OrderedMap<QString> headers;
    std::optional<QString> body;
    std::optional<QString> sni;
    std::optional<Protocol> protocol;
    std::optional<double> sample;

    static constexpr auto fields()
    {
        using T = RequestSpec;
        return std::tuple{field("url", &T::url),         field("method", &T::method),
                          field("headers", &T::headers), field("body", &T::body),
                          field("sni", &T::sni),         field("protocol", &T::protocol),
                          field("sample", &T::sample)};
    }
    bool operator==(const RequestSpec &) const = default;
};

// Every key present is asserted. In the header maps a null value means "must be absent".
struct Expectation {
    std::optional<QString> gateway;
    std::optional<QString> server;
    std::optional<QString> virtualService;
    std::optional<QString> route;
    std::optional<QString> destination;
    std::optional<qint32> status;
    std::optional<QString> redirect;
    std::optional<QString> path;
    std::optional<QString> authority;
    Istio::OrderedMap<std::optional<QString>> requestHeaders;
    Istio::OrderedMap<std::optional<QString>> responseHeaders;
    std::optional<bool> closed;

    static constexpr auto fields()
    {
        using T = Expectation;
        return std::tuple{field("gateway", &T::gateway),
                          field("server", &T::server),
                          field("virtualService", &T::virtualService),
                          field("route", &T::route),
                          field("destination", &T::destination),
                          field("status", &T::status),
                          field("redirect", &T::redirect),
                          field("path", &T::path),
                          field("authority", &T::authority),
                          field("requestHeaders", &T::requestHeaders),
                          field("responseHeaders", &T::responseHeaders),
                          field("closed", &T::closed)};
    }
    bool operator==(const Expectation &) const = default;
};

struct TestCase {
    std::optional<QString> name;
    std::optional<RequestSpec> request;
    std::optional<Expectation> expect;

    static constexpr auto fields()
    {
        return std::tuple{field("name", &TestCase::name, Istio::Required),
                          field("request", &TestCase::request, Istio::Required),
                          field("expect", &TestCase::expect)};
    }
    bool operator==(const TestCase &) const = default;
};

struct TestFile {
    Istio::StringList config;
    std::optional<RequestSpec> defaults;
    std::vector<TestCase> tests;

    static constexpr auto fields()
    {
        return std::tuple{field("config", &TestFile::config),
                          field("defaults", &TestFile::defaults),
                          field("tests", &TestFile::tests, Istio::Required)};
    }
    bool operator==(const TestFile &) const = default;
};

} // namespace RouteTest
