package quant

import "math"

// stats are the sample statistics of the complete pairs that every method
// draws on: means and n − 1 SDs (R's mean() and sd()) of pre, post and
// change scores, and the Pearson correlation of pre and post.
type stats struct {
	n      int
	pre    Distribution
	post   Distribution
	change Distribution
	rho    float64
}

func sampleStats(ps []Pair) stats {
	st := stats{n: len(ps)}
	n := float64(len(ps))
	if len(ps) == 0 {
		nan := Distribution{Mean: math.NaN(), SD: math.NaN()}
		return stats{pre: nan, post: nan, change: nan, rho: math.NaN()}
	}
	// Means in two passes, as meanSD; no copies of a million scores.
	var sPre, sPost, sCh float64
	for _, p := range ps {
		sPre += p.Pre
		sPost += p.Post
		sCh += p.Post - p.Pre
	}
	mPre, mPost, mCh := sPre/n, sPost/n, sCh/n
	var tPre, tPost, tCh float64
	for _, p := range ps {
		tPre += p.Pre - mPre
		tPost += p.Post - mPost
		tCh += (p.Post - p.Pre) - mCh
	}
	mPre, mPost, mCh = mPre+tPre/n, mPost+tPost/n, mCh+tCh/n
	var ssPre, ssPost, ssCh, sxy float64
	for _, p := range ps {
		dx, dy, dc := p.Pre-mPre, p.Post-mPost, (p.Post-p.Pre)-mCh
		ssPre += dx * dx
		ssPost += dy * dy
		ssCh += dc * dc
		sxy += dx * dy
	}
	sd := func(ss float64) float64 {
		if len(ps) < 2 {
			return math.NaN()
		}
		return math.Sqrt(ss / (n - 1))
	}
	st.pre = Distribution{Mean: mPre, SD: sd(ssPre)}
	st.post = Distribution{Mean: mPost, SD: sd(ssPost)}
	st.change = Distribution{Mean: mCh, SD: sd(ssCh)}
	st.rho = sxy / math.Sqrt(ssPre*ssPost)
	return st
}

// meanSD returns the mean and the n−1 standard deviation (R's sd()). The
// mean is corrected by a second pass over the residuals, as R's mean()
// does, and the SD is computed from the residuals. The SD of fewer than two
// values is NaN.
func meanSD(xs []float64) Distribution {
	if len(xs) == 0 {
		return Distribution{Mean: math.NaN(), SD: math.NaN()}
	}
	var sum float64
	for _, x := range xs {
		sum += x
	}
	n := float64(len(xs))
	m := sum / n
	if finite(m) {
		var t float64
		for _, x := range xs {
			t += x - m
		}
		m += t / n
	}
	if len(xs) < 2 {
		return Distribution{Mean: m, SD: math.NaN()}
	}
	var ss float64
	for _, x := range xs {
		ss += (x - m) * (x - m)
	}
	return Distribution{Mean: m, SD: math.Sqrt(ss / (n - 1))}
}
