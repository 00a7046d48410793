#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>

// Gathers llhttp's callbacks for one message head, for requests and responses alike. llhttp may
// hand a target, name or value over in several pieces (across reads), and a new field starts
// with the first name piece after a value.
//
// Every piece is copied once, into one block of bytes that the finished head owns; the head's
// target, reason and fields are then views into that block. A head costs two allocations (the
// block and the field list) however many headers it has: two per field showed in profiles.
namespace Proxy {

// A header as sent. Both are raw views into the owning head's bytes (QByteArray::fromRawData):
// valid while that head (or a copy of it) lives.
struct HeaderField {
    QByteArray name;
    QByteArray value;
};

class HeaderCollector {
public:
    // Begins a head whose bytes go to `bytes` (empty, owned by the head being built).
    void start(QByteArray &bytes)
    {
        m_bytes = &bytes;
        m_bytes->resize(INITIAL_BYTES); // most heads fit: one allocation
        m_used = 0;
        m_spans.clear();
        m_inValue = false;
        m_text = {};
    }

    // The request target or the status reason (before any header).
    void addTextPiece(QByteArrayView piece)
    {
        if (m_text.first == m_text.second)
            m_text = {m_used, m_used};
        append(piece);
        m_text.second = m_used;
    }

    // False when the piece would start field number `maxFields + 1`.
    bool addNamePiece(QByteArrayView piece, int maxFields)
    {
        if (m_spans.empty() || m_inValue) {
            if (int(m_spans.size()) >= maxFields)
                return false;
            m_spans.push_back({m_used, m_used, m_used, m_used});
        }
        append(piece);
        Span &span = m_spans.back();
        span.nameEnd = span.valueStart = span.valueEnd = m_used;
        m_inValue = false;
        return true;
    }

    void addValuePiece(QByteArrayView piece)
    {
        append(piece);
        m_spans.back().valueEnd = m_used;
        m_inValue = true;
    }

    // Makes the views once every piece is in (the block no longer moves): the text, and the
    // fields into `fields`.
    QByteArray finish(std::vector<HeaderField> &fields) const
    {
        m_bytes->truncate(m_used); // keeps the block where it is
        fields.clear();
        fields.reserve(m_spans.size());
        for (const Span &span : m_spans)
            fields.push_back(
                {view(span.nameStart, span.nameEnd), view(span.valueStart, span.valueEnd)});
        return view(m_text.first, m_text.second);
    }

private:
    struct Span {
        qsizetype nameStart, nameEnd, valueStart, valueEnd;
    };

    static constexpr qsizetype INITIAL_BYTES = 480; // with QByteArray's header, within tcache

    // Plain copies into room made ahead (QByteArray::append per piece showed in profiles).
    void append(QByteArrayView piece)
    {
        if (m_used + piece.size() > m_bytes->size())
            m_bytes->resize(std::max(m_bytes->size() * 2, m_used + piece.size()));
        memcpy(m_bytes->data() + m_used, piece.data(), size_t(piece.size()));
        m_used += piece.size();
    }

    QByteArray view(qsizetype from, qsizetype to) const
    {
        return to > from ? QByteArray::fromRawData(m_bytes->constData() + from, to - from)
                         : QByteArray();
    }

    QByteArray *m_bytes = nullptr;
    qsizetype m_used = 0;      // of m_bytes; the rest is room
    std::vector<Span> m_spans; // kept across heads: no allocation once warm
    std::pair<qsizetype, qsizetype> m_text;
    bool m_inValue = false;
};

} // namespace Proxy
