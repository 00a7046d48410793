#pragma once

#include "decision.h"

namespace Route {

// Builds trace steps only when asked, so the fast path pays nothing for them.
class Tracer {
public:
    explicit Tracer(Decision &decision, bool enabled) : m_decision(decision), m_enabled(enabled) {}
    bool enabled() const { return m_enabled; }
    void step(const QString &stage, const QString &outcome, QStringList candidates = {})
    {
        if (m_enabled)
            m_decision.trace.push_back({stage, outcome, std::move(candidates)});
    }

private:
    Decision &m_decision;
    bool m_enabled;
};

} // namespace Route
