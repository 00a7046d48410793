#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <vector>

// Gathers llhttp's header callbacks into fields, for requests and responses alike: llhttp may
// hand one name or value over in several pieces (across reads), and a new field starts with the
// first name piece after a value.
namespace Proxy {

struct HeaderField {
    QByteArray name; // as sent
    QByteArray value;
};

class HeaderCollector {
public:
    void start(std::vector<HeaderField> &fields)
    {
        m_fields = &fields;
        m_inValue = false;
    }
    // False when the piece would start field number `maxFields + 1`.
    bool addNamePiece(QByteArrayView piece, int maxFields)
    {
        if (m_fields->empty() || m_inValue) {
            if (int(m_fields->size()) >= maxFields)
                return false;
            m_fields->emplace_back();
        }
        m_fields->back().name.append(piece);
        m_inValue = false;
        return true;
    }
    void addValuePiece(QByteArrayView piece)
    {
        m_fields->back().value.append(piece);
        m_inValue = true;
    }

private:
    std::vector<HeaderField> *m_fields = nullptr;
    bool m_inValue = false;
};

} // namespace Proxy
