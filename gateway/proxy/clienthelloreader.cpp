#include "clienthelloreader.h"
