// SDL2, SDL2_ttf and SDL2_image for Swift. Function-like macros do not import into Swift;
// the few NTMLife needs are wrapped below as static inline functions.
#ifndef NTMLIFE_CSDL2_SHIM_H
#define NTMLIFE_CSDL2_SHIM_H

#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>
#include <SDL2/SDL_image.h>

/// SDL_PIXELFORMAT_RGBA32: bytes R, G, B, A in memory on any endianness.
static inline Uint32 ntm_pixelformat_rgba32(void) { return SDL_PIXELFORMAT_RGBA32; }

#endif
