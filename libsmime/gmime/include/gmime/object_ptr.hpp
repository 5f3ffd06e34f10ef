// GObject references with RAII: adopt() takes a (transfer full) reference,
// ref() adds one for a (transfer none) pointer. Copying refs, destruction
// unrefs; nobody else calls g_object_unref.
#pragma once

#include <utility>

#include <glib-object.h>

namespace smime::gmime {

template <typename T>
class ObjectPtr {
public:
    ObjectPtr() noexcept = default;
    static ObjectPtr adopt(T* p) noexcept { return ObjectPtr(p); }
    static ObjectPtr ref(T* p) noexcept {
        if (p != nullptr) {
            g_object_ref(p);
        }
        return ObjectPtr(p);
    }

    ObjectPtr(const ObjectPtr& other) noexcept : m_p(other.m_p) {
        if (m_p != nullptr) {
            g_object_ref(m_p);
        }
    }
    ObjectPtr(ObjectPtr&& other) noexcept : m_p(std::exchange(other.m_p, nullptr)) {}
    ObjectPtr& operator=(ObjectPtr other) noexcept {
        std::swap(m_p, other.m_p);
        return *this;
    }
    ~ObjectPtr() {
        if (m_p != nullptr) {
            g_object_unref(m_p);
        }
    }

    T* get() const noexcept { return m_p; }
    T* operator->() const noexcept { return m_p; }
    explicit operator bool() const noexcept { return m_p != nullptr; }

private:
    explicit ObjectPtr(T* p) noexcept : m_p(p) {}
    T* m_p = nullptr;
};

}  // namespace smime::gmime
