# The C library for C projects outside this repository:
#   make install PREFIX=/usr/local     (or DESTDIR=... for a staged install)
# lays out include/ (Zircon's headers), lib/ (libzircon.so.VERSION with its libzircon.so.0 and libzircon.so links),
# lib/pkgconfig/zircon.pc and lib/cmake/zircon/ (find_package(zircon) gives the target zircon::zircon).
# NATIVE names a folder with a built libzircon.so; NO_BUILD=1 installs it as it is (the tests do).
PREFIX ?= /usr/local
NATIVE ?= artifacts/native
VERSION := $(shell sed -n 's:.*<ZxVersion>\(.*\)</ZxVersion>.*:\1:p' Directory.Build.props)
LIBDIR := $(DESTDIR)$(PREFIX)/lib

.PHONY: all native install uninstall
all: native

native:
ifneq ($(NO_BUILD),1)
	dotnet publish src/Zx.Native -c Release -o $(NATIVE) -nodeReuse:false
endif

install: native
	install -d $(DESTDIR)$(PREFIX)/include $(LIBDIR)/pkgconfig $(LIBDIR)/cmake/zircon
	cp -R include/zircon include/zx $(DESTDIR)$(PREFIX)/include/
	install -m 755 $(NATIVE)/libzircon.so $(LIBDIR)/libzircon.so.$(VERSION)
	ln -sf libzircon.so.$(VERSION) $(LIBDIR)/libzircon.so.0
	ln -sf libzircon.so.0 $(LIBDIR)/libzircon.so
	sed 's/@VERSION@/$(VERSION)/g' packaging/zircon.pc.in > $(LIBDIR)/pkgconfig/zircon.pc
	sed 's/@VERSION@/$(VERSION)/g' packaging/zirconConfig.cmake.in > $(LIBDIR)/cmake/zircon/zirconConfig.cmake
	sed 's/@VERSION@/$(VERSION)/g' packaging/zirconConfigVersion.cmake.in > $(LIBDIR)/cmake/zircon/zirconConfigVersion.cmake

uninstall:
	rm -rf $(DESTDIR)$(PREFIX)/include/zircon $(DESTDIR)$(PREFIX)/include/zx $(LIBDIR)/cmake/zircon
	rm -f $(LIBDIR)/libzircon.so $(LIBDIR)/libzircon.so.0 $(LIBDIR)/libzircon.so.$(VERSION) $(LIBDIR)/pkgconfig/zircon.pc
