/* The word aligner's HMM over one translation unit (glossary/tm/links.py has the model and the numpy twin this
 * must agree with): emissions read from the lexical table in CSR form, then forward-backward.
 *
 * States: a source token (0..n-1), or the empty word standing at a token's position. From either state at
 * position a, the next English word comes from token b with probability (1 - p_null) * K(b - a - 1) / Z(a)
 * (K(d) = exp(-decay * |d|), Z(a) its sum over the unit's tokens), or from the empty word at a with p_null.
 * So a step depends only on the sum of a position's two states, and backwards both states of a position carry
 * the same probability: the work is O(n * n * m) with n-long vectors (written as sums of scaled rows, which the
 * compiler vectorises without reordering any sum).
 */
#include <math.h>
#include <stdlib.h>

/* p(word | char) for the word w and char c from the table (row w's chars sorted), or -1 when it has none */
static double entry(const long long *indptr, const int *cols, const double *vals, int w, int c) {
    long long lo = indptr[w], hi = indptr[w + 1];
    while (lo < hi) {
        long long mid = lo + (hi - lo) / 2;
        if (cols[mid] < c) lo = mid + 1;
        else hi = mid;
    }
    return lo < indptr[w + 1] && cols[lo] == c ? vals[lo] : -1.0;
}

/* gamma (m x n, row-major): for English word j, the probability that source token i emits it. tokens: the
 * table's char id of each source token (-1: none); words: its word id of each English word (-1: none); null_p:
 * p(word | empty word) by word id. Returns 0, or -1 when memory ran out. */
int hmm_posteriors(int n, int m, const int *tokens, const int *words, const long long *indptr, const int *cols,
                   const double *vals, const double *null_p, double p_null, double decay, double floor_p,
                   double *gamma) {
    size_t cells = (size_t)m * n;
    double *kernel = malloc(sizeof(double) * (2 * n + 1)), *flipped = malloc(sizeof(double) * (2 * n + 1));
    double *norm = malloc(sizeof(double) * n), *acc = malloc(sizeof(double) * n), *empty = malloc(sizeof(double) * m);
    double *said = malloc(sizeof(double) * cells), *tok = malloc(sizeof(double) * cells);
    double *tot = malloc(sizeof(double) * cells), *beta = malloc(sizeof(double) * cells);
    double *scale = malloc(sizeof(double) * m);
    int status = -1;
    if (!kernel || !flipped || !norm || !acc || !empty || !said || !tok || !tot || !beta || !scale) goto done;

    for (int j = 0; j < m; j++) {
        int w = words[j];
        empty[j] = (w >= 0 ? null_p[w] : 0.0) + floor_p;
        for (int i = 0; i < n; i++) {
            double p = w >= 0 && tokens[i] >= 0 ? entry(indptr, cols, vals, w, tokens[i]) : -1.0;
            said[(size_t)j * n + i] = p >= 0 ? p + floor_p : floor_p;
        }
    }
    /* kernel[d + n]: the weight of a step from position a to a + d; flipped[x] = kernel[2n - x] */
    for (int d = -n; d <= n; d++) kernel[d + n] = exp(-decay * fabs((double)(d - 1)));
    for (int x = 0; x <= 2 * n; x++) flipped[x] = kernel[2 * n - x];
    for (int a = 0; a < n; a++) {
        double z = 0.0;
        for (int b = 0; b < n; b++) z += kernel[b - a + n];
        norm[a] = 1.0 / z;
    }

    for (int j = 0; j < m; j++) {
        double *t = tok + (size_t)j * n, *all = tot + (size_t)j * n;
        const double *e = said + (size_t)j * n;
        if (j == 0) {
            for (int b = 0; b < n; b++) {
                t[b] = (1 - p_null) / n * e[b];
                all[b] = t[b] + p_null / n * empty[0];
            }
        } else {
            const double *prev = tot + (size_t)(j - 1) * n;
            for (int b = 0; b < n; b++) acc[b] = 0.0;
            for (int a = 0; a < n; a++) {
                double w = prev[a] * norm[a];
                const double *k = kernel + n - a; /* k[b] = kernel[b - a + n] */
                for (int b = 0; b < n; b++) acc[b] += w * k[b];
            }
            for (int b = 0; b < n; b++) {
                t[b] = (1 - p_null) * acc[b] * e[b];
                all[b] = t[b] + p_null * prev[b] * empty[j];
            }
        }
        double z = 0.0;
        for (int b = 0; b < n; b++) z += all[b];
        scale[j] = z;
        for (int b = 0; b < n; b++) {
            t[b] /= z;
            all[b] /= z;
        }
    }

    for (int a = 0; a < n; a++) beta[(size_t)(m - 1) * n + a] = 1.0;
    for (int j = m - 2; j >= 0; j--) {
        const double *after = beta + (size_t)(j + 1) * n, *e = said + (size_t)(j + 1) * n;
        double *here = beta + (size_t)j * n;
        for (int a = 0; a < n; a++) acc[a] = 0.0;
        for (int b = 0; b < n; b++) {
            double w = e[b] * after[b];
            const double *k = flipped + n - b; /* k[a] = kernel[b - a + n] */
            for (int a = 0; a < n; a++) acc[a] += w * k[a];
        }
        for (int a = 0; a < n; a++)
            here[a] = ((1 - p_null) * norm[a] * acc[a] + p_null * empty[j + 1] * after[a]) / scale[j + 1];
    }

    for (int j = 0; j < m; j++) {
        const double *t = tok + (size_t)j * n, *all = tot + (size_t)j * n, *b = beta + (size_t)j * n;
        double z = 0.0;
        for (int a = 0; a < n; a++) z += all[a] * b[a];
        for (int a = 0; a < n; a++) gamma[(size_t)j * n + a] = t[a] * b[a] / z;
    }
    status = 0;
done:
    free(kernel); free(flipped); free(norm); free(acc); free(empty);
    free(said); free(tok); free(tot); free(beta); free(scale);
    return status;
}
