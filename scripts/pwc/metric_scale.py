"""@better and @range of a metric from its name: the rules shared by the curated metric.txt
review and scripts/curate_pwc.py. Hand exceptions are in OVERRIDES."""

import re

# Lower is better when the name says error, loss, distance, cost, rank position or a
# quantity of damage.
LOWER = re.compile(
    r"(error|\berr\b|loss|perplexity|\bppl\b|\bfid\b|fid\b|\bfvd\b|\bfad\b|\bkid\b|\bwer\b|"
    r"\bcer\b|\bper\b|\beer\b|\bmae\b|\bmse\b|rmse|\bmape|smape|\bmase\b|wape|distance|"
    r"latency|miss rate|false positive|\bfpr|\bfnr\b|false alarm|failure|hallucination|"
    r"collision|regret|median rank|mean rank|\bece\b|\bmce\b|\bnll\b|bits per|\bbpd\b|\bbpc\b|"
    r"\bbpb\b|brier|abs ?rel|sq ?rel|\bade\b|\bfde\b|mpjpe|mpvpe|\bepe\b|\bhd95\b|hausdorff|"
    r"assd|\bnme\b|chamfer|\bemd\b|rmsd|niqe|brisque|\bter\b|lpips|dists|id ?switch|idsw|"
    r"forgetting|dcf|\bder\b|\bmcd\b|bd-rate|\bate\b|\brpe\b|\bcd\b|deviation|divergence|"
    r"\bkl\b|violation|drift|\bfl-all\b|mre|\bnmse\b|\bpsnr-b\b|wrong|\bhamming\b)",
    re.I,
)
# Never lower even when a LOWER word is inside ("error-free rate" does not occur; these do).
HIGHER = re.compile(r"(accuracy|\bacc\b|success|precision|recall|\bf1\b|auc|reduction)", re.I)
FRACTION = re.compile(
    r"^(ssim|ms-ssim|lpips|dists|fsim|uiqi|s-measure|e-measure|brier score|tm-score|dockq|eao|"
    r"oks|pearson correlation|plcc|srcc|srocc|spearman correlation|kendall's tau|"
    r"concordance correlation coefficient|r2|silhouette score)$",
    re.I,
)
UNBOUNDED = re.compile(
    r"(\bfid\b|fid\b|\bfvd\b|\bfad\b|\bkid\b|\bis\b|inception score|psnr|perplexity|\bppl\b|"
    r"loss|\bmae\b|\bmse\b|rmse|\bmase\b|\bowa\b|msis|crps|\brse\b|distance|\bnll\b|"
    r"likelihood|bits per|\bbpd\b|\bbpc\b|\bbpb\b|regret|return|reward|\belo\b|\bmos\b|pesq|"
    r"sdr|snr|\bmcd\b|mpjpe|mpvpe|\bnme\b|\bepe\b|abs ?rel|sq ?rel|\bate\b|\brpe\b|\bade\b|"
    r"\bfde\b|rmsd|cider|\bter\b|rank$|id switch|idsw|\bdb\b|niqe|brisque|rotation error|"
    r"\bmce\b|mce\b|human-normalized|docking|hausdorff|hd95|assd|chamfer|\bemd\b|ergas|"
    r"bd-rate|\bcd\b|edit distance|\bkl\b|divergence|mape|\bmre\b)",
    re.I,
)
PERCENT = re.compile(
    r"(accuracy|\bacc\b|precision|recall|\bf1\b|f-measure|f-score|\bauc|auroc|auprc|\bap\b|"
    r"\bap\d|\bmap\b|\bmap\d|map@|\bar\b|iou|dice|\bpq\b|rate|hit|ndcg|mrr|bleu|rouge|meteor|"
    r"chrf|\bem\b|exact match|pass@|win rate|\bpck|mota|idf1|hota|\bsr\b|\bspl\b|coverage|"
    r"\bmcc\b|kappa|\bnmi\b|\bami\b|\bari\b|\bcmc\b|\bminp\b|spice|comet|bertscore|\bj&f\b|"
    r"\bδ1|delta1|\bsa\b|jaccard|\bnsd\b|%)",
    re.I,
)

OVERRIDES = {
    # name: (better, range or None)
    "IS": ("higher", "unbounded"),
    "PSNR": ("higher", "unbounded"),
    "CIDEr": ("higher", "unbounded"),
    "CIDEr-D": ("higher", "unbounded"),
    "SPIDEr": ("higher", "unbounded"),
    "MOS": ("higher", "unbounded"),
    "DNSMOS": ("higher", "unbounded"),
    "UTMOS": ("higher", "unbounded"),
    "MUSHRA": ("higher", "unbounded"),
    "PESQ": ("higher", "unbounded"),
    "SI-SDR": ("higher", "unbounded"),
    "SI-SNR": ("higher", "unbounded"),
    "SDR": ("higher", "unbounded"),
    "SNR": ("higher", "unbounded"),
    "log-likelihood": ("higher", "unbounded"),
    "Elo rating": ("higher", "unbounded"),
    "average return": ("higher", "unbounded"),
    "cumulative reward": ("higher", "unbounded"),
    "human-normalized score": ("higher", "unbounded"),
    "docking score": ("lower", "unbounded"),
    "mCE": ("lower", "unbounded"),
    "1-NNA": ("lower", "percent"),
    "backward transfer": ("higher", "unbounded"),
    "forward transfer": ("higher", "unbounded"),
    "R2": ("higher", "fraction"),
    "TM-score": ("higher", "fraction"),
    "GDT-TS": ("higher", "percent"),
    "lDDT": ("higher", "percent"),
    "MAPE": ("lower", "unbounded"),
    "sMAPE": ("lower", "unbounded"),
    "median rank": ("lower", "unbounded"),
    "mean rank": ("lower", "unbounded"),
    "ID switches": ("lower", "unbounded"),
    "KID": ("lower", "unbounded"),
    "CLIP score": ("higher", "percent"),
    "aesthetic score": ("higher", "unbounded"),
    "ImageReward score": ("higher", "unbounded"),
    "HPS": ("higher", "percent"),
    "PickScore": ("higher", "unbounded"),
    "CLAP score": ("higher", "percent"),
    "DINO score": ("higher", "percent"),
    "MAUVE": ("higher", "percent"),
    "BARTScore": ("higher", "unbounded"),
    "BLEURT": ("higher", "unbounded"),
    "MoverScore": ("higher", "percent"),
    "GLEU": ("higher", "percent"),
    "Smatch": ("higher", "percent"),
    "LAS": ("higher", "percent"),
    "UAS": ("higher", "percent"),
    "ANLS": ("higher", "percent"),
    "edit similarity": ("higher", "percent"),
    "normalized edit distance": ("lower", "percent"),
    "NDS": ("higher", "percent"),
    "nDTW": ("higher", "percent"),
    "driving score": ("higher", "percent"),
    "route completion": ("higher", "percent"),
    "solve rate": ("higher", "percent"),
    "FActScore": ("higher", "percent"),
    "GLUE score": ("higher", "percent"),
    "distinct-n": ("higher", "percent"),
    "S-measure": ("higher", "fraction"),
    "E-measure": ("higher", "fraction"),
    "C-index": ("higher", "percent"),
    "Cohen's kappa": ("higher", "percent"),
    "quadratic weighted kappa": ("higher", "percent"),
    "Fleiss' kappa": ("higher", "percent"),
    "Krippendorff's alpha": ("higher", "percent"),
    "silhouette score": ("higher", "fraction"),
    "ECE": ("lower", "percent"),
    "MCE": ("lower", "percent"),
    "empirical coverage": ("higher", "percent"),
    "excess risk": ("lower", "unbounded"),
    "generalization error": ("lower", "unbounded"),
    "evaluation loss": ("lower", "unbounded"),
    "log loss": ("lower", "unbounded"),
    "OWA": ("lower", "unbounded"),
    "weighted quantile loss": ("lower", "unbounded"),
    "RSE": ("lower", "unbounded"),
    "bits per pixel": ("lower", "unbounded"),
    "BD-rate": ("lower", "unbounded"),
    "warping error": ("lower", "unbounded"),
    "spectral angle mapper": ("lower", "unbounded"),
    "ERGAS": ("lower", "unbounded"),
    "FSIM": ("higher", "fraction"),
    "UIQI": ("higher", "fraction"),
    "OKS": ("higher", "fraction"),
    "normal consistency": ("higher", "percent"),
    "minimum matching distance": ("lower", "unbounded"),
    "Fl-all": ("lower", "percent"),
    "δ1": ("higher", "percent"),
    "ADD-S": ("higher", "percent"),
    "EAO": ("higher", "fraction"),
    "hamming loss": ("lower", "percent"),
    "demographic parity": ("lower", "percent"),
    "equalized odds": ("lower", "percent"),
    "equal opportunity": ("lower", "percent"),
    "disparate impact": ("higher", "unbounded"),
    "average forgetting": ("lower", "percent"),
    "region similarity": ("higher", "percent"),
    "contour accuracy": ("higher", "percent"),
    "TAR@FAR": ("higher", "percent"),
    "BERTScore": ("higher", "percent"),
    "RefCLIPScore": ("higher", "percent"),
    "F2 score": ("higher", "percent"),
    "F0.5": ("higher", "percent"),
    "CRPS": ("lower", "unbounded"),
    "MSIS": ("lower", "unbounded"),
    "CLIP-I": ("higher", "percent"),
    "CLIP-T": ("higher", "percent"),
    "STOI": ("higher", "percent"),
    "ESTOI": ("higher", "percent"),
    "FD-DINOv2": ("lower", "unbounded"),
    "GAUC": ("higher", "percent"),
    "VUS-PR": ("higher", "percent"),
    "VUS-ROC": ("higher", "percent"),
    "mAPH": ("higher", "percent"),
    "mAcc": ("higher", "percent"),
    "minADE": ("lower", "unbounded"),
    "minFDE": ("lower", "unbounded"),
    "negative predictive value": ("higher", "percent"),
    "sensitivity": ("higher", "percent"),
    "specificity": ("higher", "percent"),
    "bits per byte": ("lower", "unbounded"),
    "bits per character": ("lower", "unbounded"),
    "bits per dimension": ("lower", "unbounded"),
    "DER": ("lower", "percent"),
    "WAPE": ("lower", "unbounded"),
    "minDCF": ("lower", "unbounded"),
    "R-precision": ("higher", "percent"),
    "attack success rate": ("higher", "percent"),
    "FPR95": ("lower", "percent"),
    "false positive rate": ("lower", "percent"),
    "false negative rate": ("lower", "percent"),
    "error rate": ("lower", "percent"),
    "top-1 error": ("lower", "percent"),
    "top-5 error": ("lower", "percent"),
}


def metric_scale(name):
    """(better, range or None) for a metric name."""
    if name in OVERRIDES:
        return OVERRIDES[name]
    lower = bool(LOWER.search(name)) and not (
        HIGHER.search(name) and not re.search(r"error|loss", name, re.I)
    )
    better = "lower" if lower else "higher"
    if FRACTION.match(name):
        return better, "fraction"
    if re.search(r"error rate|miss rate|failure rate|\bwer\b|\bcer\b|(?<!bits )\bper\b|\beer\b", name, re.I):
        return better, "percent"
    if UNBOUNDED.search(name):
        return better, "unbounded"
    if PERCENT.search(name):
        return better, "percent"
    return better, None
