#pragma once
// Placeholder: the ClientHello reader is being written.
