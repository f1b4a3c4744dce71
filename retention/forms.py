from django import forms


class ErasureForm(forms.Form):
    reason = forms.CharField(
        label="Raison de l'effacement",
        help_text=(
            "La demande reçue : sa date, sa forme (courrier, courriel, entretien). "
            "Elle est inscrite au journal : n'y écrivez pas le nom de la personne."
        ),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Indiquez la raison de l'effacement."},
    )
    confirm = forms.BooleanField(
        label="Je confirme l'effacement : il est définitif",
        error_messages={"required": "Cochez la confirmation pour effacer le dossier."},
    )
