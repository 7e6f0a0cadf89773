/* Where in a document's (word, tag) pairs the segmenter's repairs may apply (glossary/mining/segment.py's `where`
 * is the Python twin this must agree with): each repair looks at a few words of a kind (a tag, a length, a first
 * character), and a scan over every token of the corpus in bytecode, once per repair, cost more than the segmenter.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define MAX_RANGES 16

/* firsts read once: a str of characters, or up to MAX_RANGES (first, last) code points */
typedef struct {
    PyObject *chars;
    Py_ssize_t n;
    long lo[MAX_RANGES], hi[MAX_RANGES];
} Firsts;

static int read_firsts(PyObject *firsts, Firsts *f) {
    f->chars = NULL;
    f->n = 0;
    if (PyUnicode_Check(firsts)) {
        f->chars = firsts;
        return 0;
    }
    if (!PyTuple_Check(firsts) || PyTuple_GET_SIZE(firsts) > MAX_RANGES) {
        PyErr_SetString(PyExc_TypeError, "firsts is a str, a tuple of (first, last) code points or None");
        return -1;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(firsts); i++)
        if (!PyArg_ParseTuple(PyTuple_GET_ITEM(firsts, i), "ll", &f->lo[i], &f->hi[i])) return -1;
    f->n = PyTuple_GET_SIZE(firsts);
    return 0;
}

/* whether c is one of f's, or -1 with an error set */
static int first_in(Py_UCS4 c, const Firsts *f) {
    if (f->chars != NULL) {
        Py_ssize_t at = PyUnicode_FindChar(f->chars, c, 0, PyUnicode_GET_LENGTH(f->chars), 1);
        return at == -2 ? -1 : at >= 0;
    }
    for (Py_ssize_t i = 0; i < f->n; i++)
        if ((long)c >= f->lo[i] && (long)c <= f->hi[i]) return 1;
    return 0;
}

/* [k for k, (w, t) in enumerate(pairs) if low <= len(w) <= high and (tags is None or t in tags)
 *  and (firsts is None or (w and w[0] is one of firsts))] */
static PyObject *where(PyObject *self, PyObject *args) {
    PyObject *pairs, *tags, *firsts;
    Py_ssize_t low, high;
    Firsts f;
    if (!PyArg_ParseTuple(args, "O!OnnO", &PyList_Type, &pairs, &tags, &low, &high, &firsts)) return NULL;
    if (firsts != Py_None && read_firsts(firsts, &f) < 0) return NULL;
    PyObject *out = PyList_New(0);
    if (out == NULL) return NULL;
    Py_ssize_t n = PyList_GET_SIZE(pairs);
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *pair = PyList_GET_ITEM(pairs, k);
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2 || !PyUnicode_Check(PyTuple_GET_ITEM(pair, 0))) {
            PyErr_SetString(PyExc_TypeError, "pairs are (word, tag) tuples");
            goto fail;
        }
        PyObject *word = PyTuple_GET_ITEM(pair, 0);
        Py_ssize_t len = PyUnicode_GET_LENGTH(word);
        if (len < low || len > high) continue;
        if (firsts != Py_None) {
            if (len == 0) continue; /* no first character */
            int has = first_in(PyUnicode_READ_CHAR(word, 0), &f);
            if (has < 0) goto fail;
            if (!has) continue;
        }
        if (tags != Py_None) {
            int has = PySequence_Contains(tags, PyTuple_GET_ITEM(pair, 1));
            if (has < 0) goto fail;
            if (!has) continue;
        }
        PyObject *at = PyLong_FromSsize_t(k);
        if (at == NULL) goto fail;
        int rc = PyList_Append(out, at);
        Py_DECREF(at);
        if (rc < 0) goto fail;
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

static PyMethodDef methods[] = {
    {"where", where, METH_VARARGS,
     "where(pairs, tags, low, high, firsts): the places of the pairs of a tag in tags (None: any), low..high "
     "characters long, beginning with a character of firsts (a str, or (first, last) code points; None: any)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "pairs", NULL, -1, methods};

PyMODINIT_FUNC PyInit_pairs(void) { return PyModule_Create(&module); }
