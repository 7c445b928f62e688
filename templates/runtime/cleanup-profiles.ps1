function Get-RgCleanupProfileFolders {
    <#
    .SYNOPSIS
        A cleanup step's folders in every user's profile (Get-RgUserProfiles, Resolve-RgProfilePath): each folder in
        each profile's own folders; with Profiles AllSignedOut, the profiles of signed-in users are skipped.
    .PARAMETER Step
        The step: Folders, Profiles, IncludeDefault.
    .OUTPUTS
        Folders ([string[]], expanded), Profiles (how many were looked in), Skipped (names and why).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $places = @()
    $profiles = 0
    $skipped = @()
    foreach ($userProfile in @(Get-RgUserProfiles -IncludeDefault:([bool]$Step.IncludeDefault))) {
        if ($Step.Profiles -eq 'AllSignedOut' -and $userProfile.Loaded) {
            $skipped += $userProfile.Name + ' (signed in)'
            continue
        }
        $profiles++
        foreach ($folder in @($Step.Folders)) {
            $places += Resolve-RgProfilePath -Path ([string]$folder) -ProfilePath $userProfile.Path
        }
    }
    [pscustomobject]@{ Folders = [string[]]$places; Profiles = $profiles; Skipped = [string[]]$skipped }
}
