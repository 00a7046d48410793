#pragma once

// Private to the two HTTP/1 parsers: one llhttp_execute() as both use it.

#include <QByteArrayView>
#include <llhttp.h>

namespace Proxy {

struct LlhttpStep {
    llhttp_errno_t result;
    qsizetype consumed; // how far llhttp got into the data
};

// Runs llhttp over `data`. A pause (the parsers pause after each complete message) is resumed
// so the next feed continues with the next message.
inline LlhttpStep runLlhttp(llhttp_t *parser, QByteArrayView data)
{
    const llhttp_errno_t result = llhttp_execute(parser, data.data(), size_t(data.size()));
    if (result == HPE_OK)
        return {result, data.size()};
    const char *position = llhttp_get_error_pos(parser);
    const qsizetype consumed = position ? qsizetype(position - data.data()) : data.size();
    if (result == HPE_PAUSED)
        llhttp_resume(parser);
    return {result, consumed};
}

} // namespace Proxy
