#ifndef MICIC_CLIBPQ_SHIM_H
#define MICIC_CLIBPQ_SHIM_H

#include <libpq-fe.h>

#endif
